using System.CommandLine;
using SpeakerHub.Firmware.Host.Mqtt;
using SpeakerHub.Simulator.Terminal;

namespace SpeakerHub.LoadGen.Cloud;

/// <summary>What a run needs to find the cloud, as parsed from the command line.</summary>
public sealed record CloudTargetSettings(CloudHostMode Mode, Uri Api, string MqttHost, int MqttPort, string? AdminKey, string DataFolder);

/// <summary>The options every mode that talks to the cloud shares: which cloud, where, and with which key.</summary>
public sealed class CloudTargetOptions
{
    private readonly Option<CloudHostMode> _host = new("--host")
    {
        Description = "external: a cloud already running at --api/--mqtt-port; inproc: start the real cloud host in this process on free loopback ports.",
        DefaultValueFactory = _ => CloudHostMode.External,
    };

    private readonly Option<Uri> _api = ApiAddressOption.Create("Cloud HTTP API base address (external host).");

    private readonly Option<string> _mqttHost = new("--mqtt-host") { Description = "MQTT broker host (external host).", DefaultValueFactory = _ => "127.0.0.1" };

    private readonly Option<int> _mqttPort = new("--mqtt-port") { Description = "MQTT broker port (external host).", DefaultValueFactory = _ => MqttTransportOptions.DefaultPort };

    private readonly Option<string?> _adminKey = new("--admin-key")
    {
        Description = $"Admin API key for provisioning devices (external host; else ${AdminKeySource.EnvironmentVariable}, else {AdminKeySource.KeyFile}).",
    };

    private readonly Option<string> _data = new("--data")
    {
        Description = "Folder for the simulated devices' credentials and flash files (external host; inproc uses a temporary folder).",
        DefaultValueFactory = _ => Path.Combine(".data", "loadgen"),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_host);
        command.Options.Add(_api);
        command.Options.Add(_mqttHost);
        command.Options.Add(_mqttPort);
        command.Options.Add(_adminKey);
        command.Options.Add(_data);
    }

    public CloudTargetSettings Read(ParseResult parsed) => new(
        parsed.GetValue(_host),
        parsed.GetValue(_api)!,
        parsed.GetValue(_mqttHost)!,
        parsed.GetValue(_mqttPort),
        parsed.GetValue(_adminKey),
        parsed.GetValue(_data)!);
}
