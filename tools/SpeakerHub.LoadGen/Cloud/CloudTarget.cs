using SpeakerHub.Simulator.Fleet;
using SpeakerHub.Simulator.Terminal;

namespace SpeakerHub.LoadGen.Cloud;

/// <summary>
/// The cloud one run talks to: its addresses, the admin key for provisioning, and — when this process
/// started it — the in-process host, which goes away with the target.
/// </summary>
public sealed class CloudTarget : IAsyncDisposable
{
    private readonly InProcessCloud? _inProcess;

    private CloudTarget(Uri api, string mqttHost, int mqttPort, string? adminKey, string? operatorKey, string deviceFolder, InProcessCloud? inProcess)
    {
        Api = api;
        MqttHost = mqttHost;
        MqttPort = mqttPort;
        AdminKey = adminKey;
        OperatorKey = operatorKey;
        DeviceFolder = deviceFolder;
        _inProcess = inProcess;
    }

    public Uri Api { get; }

    public string MqttHost { get; }

    public int MqttPort { get; }

    public string? AdminKey { get; }

    /// <summary>The fleet operator key (<c>/api/fleet</c>): the in-process host's own, or whatever <see cref="CloudTargetSettings"/> found.</summary>
    public string? OperatorKey { get; }

    public string DeviceFolder { get; }

    public bool IsInProcess => _inProcess is not null;

    /// <summary>One line for the report: which cloud the figures are about.</summary>
    public string Description => IsInProcess
        ? $"in-process cloud host (API {Api}, MQTT {MqttHost}:{MqttPort}); it shares this machine's {Environment.ProcessorCount} CPUs with the load generator and the simulated devices"
        : $"external cloud host (API {Api}, MQTT {MqttHost}:{MqttPort})";

    /// <param name="hostSettings">Configuration for an in-process host on top of its defaults; an external host ignores it.</param>
    /// <param name="operatorKey">The fleet operator key of an external host, when the mode needs <c>/api/fleet</c>.</param>
    public static async Task<CloudTarget> ConnectAsync(
        CloudTargetSettings settings,
        bool verbose,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? hostSettings = null,
        string? operatorKey = null)
    {
        if (settings.Mode == CloudHostMode.External)
        {
            string? adminKey = AdminKeySource.Resolve(settings.AdminKey, Environment.CurrentDirectory);
            return new CloudTarget(settings.Api, settings.MqttHost, settings.MqttPort, adminKey, operatorKey, settings.DataFolder, inProcess: null);
        }

        InProcessCloud cloud = await InProcessCloud.StartAsync(verbose, cancellationToken, hostSettings);
        return new CloudTarget(cloud.Api, InProcessCloud.MqttHost, cloud.MqttPort, cloud.AdminKey, cloud.OperatorKey, cloud.DeviceFolder, cloud);
    }

    /// <summary>Fleet options pointing at this cloud; the caller sets the device count and anything else.</summary>
    public SimulatedFleetOptions FleetOptions(int deviceCount)
    {
        SimulatedFleetOptions options = new()
        {
            DeviceCount = deviceCount,
            ApiBaseAddress = Api,
            AdminKey = AdminKey,
            DataFolder = DeviceFolder,
        };
        options.Mqtt.Host = MqttHost;
        options.Mqtt.Port = MqttPort;
        return options;
    }

    public ValueTask DisposeAsync() => _inProcess?.DisposeAsync() ?? ValueTask.CompletedTask;
}
