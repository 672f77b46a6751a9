using System.Net.Http.Json;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using FleetDevicePage = SpeakerHub.Cloud.Api.Fleet.FleetDevicePage;

namespace SpeakerHub.EndToEndTests.Fleet;

/// <summary>
/// An operator signs, uploads and rolls out firmware through <c>/api/fleet</c> to 200 simulated speakers
/// on the real cloud, in waves of 1 %, 10 %, 50 % and 100 %.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class RolloutTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const int Speakers = 200;
    private const string NewVersion = "1.1.0";
    private const int ImageBytes = 24 * 1024;
    private static readonly double[] Waves = [1, 10, 50, 100];

    private readonly OtaRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_good_image_rolls_out_wave_by_wave_to_every_speaker()
    {
        await _rig.StartAsync(Speakers);
        var imageId = await _rig.UploadAsync(SimulatedAppImage.Create(NewVersion, ImageBytes, neverHealthy: false), NewVersion);

        var created = await _rig.CreateRolloutAsync(imageId, Waves);
        var done = await _rig.WaitForRolloutAsync(created.Id, rollout => rollout.Phase is "completed" or "aborted" or "paused");

        Assert.True(done.Phase == "completed", $"The rollout ended {done.Phase}: {done.Reason}");
        Assert.Equal([2, 18, 80, 100], done.Waves.Select(wave => wave.Devices));
        Assert.All(done.Waves, wave => Assert.True(wave.Verdict?.Passed, wave.Verdict?.Summary));
        for (var i = 1; i < done.Waves.Count; i++)
        {
            // Each wave starts only once the one before it was judged.
            Assert.True(done.Waves[i].StartedAt >= done.Waves[i - 1].CompletedAt, $"Wave {i + 1} started before wave {i} was judged.");
        }

        Assert.True(
            done.States.GetValueOrDefault("installed") == Speakers,
            $"Not every speaker installed it: {string.Join(", ", done.States.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.All(_rig.Speakers.Devices, device => Assert.Equal(NewVersion, device.FirmwareVersion));
        var page = await _rig.Cloud.Fleet.GetFromJsonAsync<FleetDevicePage>($"api/fleet/devices?model={OtaRig.Model}&take=500");
        Assert.Equal(Speakers, page!.Devices.Count(device => device.FirmwareVersion == NewVersion && device.Update?.State == "installed"));
    }

    [Fact]
    public async Task A_bad_image_that_never_confirms_is_stopped_after_the_first_wave_and_those_speakers_are_back_on_the_old_version()
    {
        // Short trials, so the bad image falls back within seconds rather than minutes.
        await _rig.StartAsync(Speakers, trialDeadlineMs: 5000);
        var imageId = await _rig.UploadAsync(SimulatedAppImage.Create(NewVersion, ImageBytes, neverHealthy: true), NewVersion);

        var created = await _rig.CreateRolloutAsync(imageId, Waves);
        var stopped = await _rig.WaitForRolloutAsync(created.Id, rollout => rollout.Phase is "aborted" or "completed");
        Assert.Equal("aborted", stopped.Phase);
        Assert.Contains("health gate", stopped.Reason);
        Assert.Contains("wave 1", stopped.Reason);
        Assert.All(stopped.Waves.Skip(1), wave => Assert.Null(wave.StartedAt));

        // The first wave's speakers tried the image on trial, never confirmed it, and their loaders went back.
        var firstWave = await _rig.WaitForRolloutAsync(created.Id, rollout => rollout.Waves[0].States.GetValueOrDefault("rolled-back") == 2);
        Assert.Equal(Speakers - 2, firstWave.States.GetValueOrDefault("pending"));
        var page = await _rig.Cloud.Fleet.GetFromJsonAsync<FleetDevicePage>($"api/fleet/devices?model={OtaRig.Model}&take=500");
        var tried = page!.Devices.Where(device => device.Update is not null).ToArray();
        Assert.Equal(2, tried.Length);
        Assert.All(tried, device => Assert.Equal("rolled-back", device.Update!.State));
        Assert.All(tried, device => Assert.Equal("health-not-confirmed", device.Update!.Reason));
        await OtaRig.WaitUntilAsync(() => _rig.Speakers.Devices.All(device => device.FirmwareVersion == OtaRig.OldVersion));
        Assert.All(page.Devices, device => Assert.Equal(OtaRig.OldVersion, device.FirmwareVersion));
        Assert.Equal(2, _rig.Speakers.Devices.Count(device => device.Restarts >= FlashFirmwareSlots.DefaultBootTrials));
    }
}
