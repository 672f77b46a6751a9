using SpeakerHub.EndToEndTests.Infrastructure;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.EndToEndTests.Speakers;

/// <summary>
/// The product as an owner meets it: a simulated speaker (the real firmware core over MQTT) provisions
/// itself through the API, connects to the real cloud, and is answered — and it keeps working when the
/// cloud is restarted underneath it.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync, which xUnit calls after each test.
public sealed class SpeakerJourneyTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly CloudNode _cloud = new();
    private readonly string _simulatorData = Path.Combine(Path.GetTempPath(), "speakerhub-sim-" + Guid.NewGuid().ToString("N"));
    private SimulatedFleet? _fleet;

    private DeviceRunner Speaker => _fleet!.Devices[0];

    public async Task InitializeAsync()
    {
        await _cloud.StartAsync();
        var options = new SimulatedFleetOptions
        {
            DeviceCount = 1,
            ApiBaseAddress = _cloud.ApiAddress,
            AdminKey = _cloud.AdminKey,
            DataFolder = _simulatorData,
        };
        options.Mqtt.Port = _cloud.MqttPort;
        _fleet = await SimulatedFleet.StartAsync(options);
        using var timeout = new CancellationTokenSource(Patience);
        await _fleet.WaitUntilOnlineAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        await _cloud.DisposeAsync();
        Directory.Delete(_simulatorData, recursive: true);
    }

    [Fact]
    public async Task A_speaker_told_to_set_volume_to_five_says_so_and_its_twin_reports_five()
    {
        using var timeout = new CancellationTokenSource(Patience);
        // A new speaker starts at 5; move away first so the change under test is a real one.
        Assert.Equal("Volume 2.", await Speaker.SayAsync("set volume to two", timeout.Token));
        await _cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 2, Patience);

        string reply = await Speaker.SayAsync("set volume to five", timeout.Token);

        Assert.Equal("Volume 5.", reply);
        DeviceView device = await _cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 5, Patience);
        Assert.True(device.Online);
        Assert.Equal(5, device.Desired.Volume);
        Assert.Equal(device.Desired.Version, device.Reported.Version);
        Assert.Equal(SimulatedFleetOptions.DefaultFirmwareVersion, device.FirmwareVersion);
    }

    [Fact]
    public async Task After_the_cloud_restarts_the_speaker_reconnects_by_itself_and_its_state_survived()
    {
        using var timeout = new CancellationTokenSource(Patience * 2);
        await Speaker.SayAsync("set volume to seven", timeout.Token);
        DeviceView before = await _cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 7, Patience);

        await _cloud.RestartAsync();

        DeviceView after = await _cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Online, Patience);
        Assert.Equal(7, after.Desired.Volume);
        Assert.Equal(7, after.Reported.Volume);
        Assert.Equal(before.Desired.Version, after.Desired.Version);
        await Speaker.WaitUntilOnlineAsync(timeout.Token);
        Assert.Equal("Volume 3.", await Speaker.SayAsync("set volume to three", timeout.Token));
        await _cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 3, Patience);
    }

    [Fact]
    public async Task A_twin_change_made_through_the_api_reaches_the_speaker_and_is_reported_back()
    {
        using var content = new StringContent("{\"volume\":2,\"muted\":true}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _cloud.Api.PatchAsync($"api/admin/devices/{Speaker.DeviceId}/twin", content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        DeviceView device = await _cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 2 && d.Reported.Muted, Patience);

        Assert.Equal(device.Desired.Version, device.Reported.Version);
        Assert.Equal(2, Speaker.Speaker.Volume);
        Assert.True(Speaker.Speaker.Muted);
    }
}
