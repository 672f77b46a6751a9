using System.Net.Http.Json;
using SpeakerHub.Cloud.Api.Fleet;
using SpeakerHub.Firmware.Host.Hardware.Flash;

namespace SpeakerHub.EndToEndTests.Fleet;

/// <summary>A rollout outlives a cloud restart, and an operator can roll updated speakers back to what they ran before.</summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class RolloutLifecycleTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const int Speakers = 4;
    private const int ImageBytes = 12 * 1024;

    private readonly OtaRig _rig = new();

    public Task InitializeAsync() => _rig.StartAsync(Speakers);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_rollout_carries_on_after_the_cloud_restarts_in_the_middle_of_a_wave()
    {
        var imageId = await _rig.UploadAsync(SimulatedAppImage.Create("1.1.0", ImageBytes, neverHealthy: false), "1.1.0");
        var created = await CreateAsync(imageId, soakSeconds: 4);
        await _rig.WaitForRolloutAsync(created.Id, rollout => rollout.Waves[0].SoakUntil is not null);

        await _rig.Cloud.RestartAsync();

        var done = await _rig.WaitForRolloutAsync(created.Id, rollout => rollout.Phase is "completed" or "aborted" or "paused");
        Assert.True(done.Phase == "completed", $"{done.Phase}: {done.Reason}");
        Assert.Equal(Speakers, done.States.GetValueOrDefault("installed"));
        await OtaRig.WaitUntilAsync(() => _rig.Speakers.Devices.All(device => device.FirmwareVersion == "1.1.0"));
    }

    [Fact]
    public async Task Rolling_back_puts_the_updated_speakers_on_the_image_they_ran_before()
    {
        var previous = await _rig.UploadAsync(SimulatedAppImage.Create(OtaRig.OldVersion, ImageBytes, neverHealthy: false), OtaRig.OldVersion);
        var imageId = await _rig.UploadAsync(SimulatedAppImage.Create("1.1.0", ImageBytes, neverHealthy: false), "1.1.0");
        var created = await CreateAsync(imageId, soakSeconds: 0);
        await _rig.WaitForRolloutAsync(created.Id, rollout => rollout.Phase == "completed");
        await OtaRig.WaitUntilAsync(() => _rig.Speakers.Devices.All(device => device.FirmwareVersion == "1.1.0"));

        using var response = await _rig.Cloud.Fleet.PostAsync($"api/fleet/rollouts/{created.Id}/rollback", null);
        response.EnsureSuccessStatusCode();

        var rolledBack = await _rig.WaitForRolloutAsync(created.Id, rollout => rollout.Phase == "rolled-back");
        Assert.Equal(Speakers, rolledBack.States.GetValueOrDefault("rollback-installed"));
        await OtaRig.WaitUntilAsync(() => _rig.Speakers.Devices.All(device => device.FirmwareVersion == OtaRig.OldVersion));
        var device = await _rig.Cloud.Fleet.GetFromJsonAsync<FleetDeviceView>($"api/fleet/devices/{_rig.Speakers.Devices[0].DeviceId}");
        Assert.Equal(previous, device!.Update!.ImageId);
        Assert.Equal("installed", device.Update.State);
    }

    private async Task<RolloutView> CreateAsync(string imageId, int soakSeconds)
    {
        using var response = await _rig.Cloud.Fleet.PostAsJsonAsync("api/fleet/rollouts", new
        {
            imageId,
            selector = new { model = OtaRig.Model },
            waves = new[] { 50, 100 },
            soakSeconds,
            waveTimeoutSeconds = 120,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RolloutView>())!;
    }
}
