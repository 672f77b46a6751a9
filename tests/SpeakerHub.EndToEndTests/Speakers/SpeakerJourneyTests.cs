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

    private readonly CloudWithSpeaker _setup = new();

    private CloudNode Cloud => _setup.Cloud;

    private DeviceRunner Speaker => _setup.Speaker;

    public Task InitializeAsync() => _setup.StartAsync(Patience);

    public async Task DisposeAsync() => await _setup.DisposeAsync();

    [Fact]
    public async Task A_speaker_told_to_set_volume_to_five_says_so_and_its_twin_reports_five()
    {
        using var timeout = new CancellationTokenSource(Patience);
        // A new speaker starts at 5; move away first so the change under test is a real one.
        Assert.Equal("Volume 2.", await Speaker.SayAsync("set volume to two", timeout.Token));
        await Cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 2, Patience);

        string reply = await Speaker.SayAsync("set volume to five", timeout.Token);

        Assert.Equal("Volume 5.", reply);
        DeviceView device = await Cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 5, Patience);
        Assert.True(device.Online);
        Assert.Equal(5, device.Desired.Volume);
        Assert.Equal(device.Desired.Version, device.Reported.Version);
        Assert.Equal(SimulatedFleetOptions.DefaultFirmwareVersion, device.FirmwareVersion);
    }

    [Fact]
    public async Task After_the_cloud_restarts_the_speaker_reconnects_by_itself_and_its_state_survived()
    {
        // A restart reloads speech (grammar, first decoder, espeak-ng) before the host answers again.
        using var timeout = new CancellationTokenSource(Patience * 4);
        await Speaker.SayAsync("set volume to seven", timeout.Token);
        DeviceView before = await Cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 7, Patience);

        await Cloud.RestartAsync();

        DeviceView after = await Cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Online, Patience * 2);
        Assert.Equal(7, after.Desired.Volume);
        Assert.Equal(7, after.Reported.Volume);
        Assert.Equal(before.Desired.Version, after.Desired.Version);
        await Speaker.WaitUntilOnlineAsync(timeout.Token);
        Assert.Equal("Volume 3.", await Speaker.SayAsync("set volume to three", timeout.Token));
        await Cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 3, Patience);
    }

    [Fact]
    public async Task A_twin_change_made_through_the_api_reaches_the_speaker_and_is_reported_back()
    {
        using var content = new StringContent("{\"volume\":2,\"muted\":true}", System.Text.Encoding.UTF8, "application/json");
        using var response = await Cloud.Api.PatchAsync($"api/admin/devices/{Speaker.DeviceId}/twin", content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        DeviceView device = await Cloud.WaitForDeviceAsync(Speaker.DeviceId, d => d.Reported.Volume == 2 && d.Reported.Muted, Patience);

        Assert.Equal(device.Desired.Version, device.Reported.Version);
        Assert.Equal(2, Speaker.Speaker.Volume);
        Assert.True(Speaker.Speaker.Muted);
    }
}
