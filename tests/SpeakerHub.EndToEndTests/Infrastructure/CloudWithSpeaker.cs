using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.EndToEndTests.Infrastructure;

/// <summary>
/// A real cloud on loopback ports and one simulated speaker (the real firmware core over MQTT) that
/// provisioned itself through the API, optionally for an owner, and is online. Disposed after each test.
/// </summary>
public sealed class CloudWithSpeaker : IAsyncDisposable
{
    private readonly string _simulatorData = Path.Combine(Path.GetTempPath(), "speakerhub-sim-" + Guid.NewGuid().ToString("N"));
    private SimulatedFleet? _fleet;

    public CloudNode Cloud { get; } = new();

    public DeviceRunner Speaker => _fleet?.Devices[0] ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync(TimeSpan patience, Func<CloudNode, Task<string?>>? owner = null)
    {
        await Cloud.StartAsync();
        var options = new SimulatedFleetOptions
        {
            DeviceCount = 1,
            ApiBaseAddress = Cloud.ApiAddress,
            AdminKey = Cloud.AdminKey,
            DataFolder = _simulatorData,
            OwnerId = owner is null ? null : await owner(Cloud),
        };
        options.Mqtt.Port = Cloud.MqttPort;
        _fleet = await SimulatedFleet.StartAsync(options);
        using var timeout = new CancellationTokenSource(patience);
        await _fleet.WaitUntilOnlineAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        await Cloud.DisposeAsync();
        if (Directory.Exists(_simulatorData))
        {
            Directory.Delete(_simulatorData, recursive: true);
        }
    }
}
