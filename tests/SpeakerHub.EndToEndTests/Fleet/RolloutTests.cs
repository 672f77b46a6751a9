using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SpeakerHub.Cloud.Api.Fleet;
using FleetDevicePage = SpeakerHub.Cloud.Api.Fleet.FleetDevicePage;
using SpeakerHub.EndToEndTests.Api;
using SpeakerHub.EndToEndTests.Infrastructure;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.EndToEndTests.Fleet;

/// <summary>
/// An operator signs, uploads and rolls out firmware through <c>/api/fleet</c> to 200 simulated speakers
/// (the real firmware core, updater and loader over MQTT and simulated flash) on the real cloud.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class RolloutTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const int Speakers = 200;
    private const string Model = "ota-speaker";
    private const string OldVersion = "1.0.0";
    private const string NewVersion = "1.1.0";
    private const int ImageBytes = 24 * 1024;
    private const int ChunkBytes = 4096;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly string _simulatorData = Path.Combine(Path.GetTempPath(), "speakerhub-ota-" + Guid.NewGuid().ToString("N"));
    private readonly CloudNode _cloud = new(new Dictionary<string, string?> { ["Fleet:RolloutTick"] = "00:00:00.250" });
    private readonly FleetSigner _signer = new();
    private SimulatedFleet? _fleet;

    private SimulatedFleet Fleet => _fleet ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _cloud.StartAsync();
        using (var registered = await _cloud.Fleet.PostAsJsonAsync("api/fleet/signing-keys", new { name = "release", publicKey = _signer.PublicKeyHex }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var options = new SimulatedFleetOptions
        {
            DeviceCount = Speakers,
            Model = Model,
            FirmwareVersion = OldVersion,
            ApiBaseAddress = _cloud.ApiAddress,
            AdminKey = _cloud.AdminKey,
            DataFolder = _simulatorData,
            TrustedFirmwareKeys = [_signer.PublicKey],
            Updates = new FirmwareUpdateOptions { HealthyAfterMs = 500, TrialDeadlineMs = 2500, RestartDelayMs = 100 },
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
        _signer.Dispose();
        if (Directory.Exists(_simulatorData))
        {
            Directory.Delete(_simulatorData, recursive: true);
        }
    }

    [Fact]
    public async Task A_good_image_rolls_out_wave_by_wave_to_every_speaker()
    {
        var imageId = await UploadAsync(SimulatedAppImage.Create(NewVersion, ImageBytes, neverHealthy: false));

        var created = await CreateRolloutAsync(imageId);
        var seenWaves = new SortedSet<int>();
        var done = await WaitForRolloutAsync(created.Id, rollout =>
        {
            seenWaves.Add(rollout.CurrentWave);
            return rollout.Phase is "completed" or "aborted" or "paused";
        });

        Assert.True(done.Phase == "completed", $"The rollout ended {done.Phase}: {done.Reason}");
        Assert.Equal([2, 18, 80, 100], done.Waves.Select(wave => wave.Devices));
        Assert.All(done.Waves, wave => Assert.True(wave.Verdict?.Passed, wave.Verdict?.Summary));
        for (var i = 1; i < done.Waves.Count; i++)
        {
            // Each wave starts only once the one before it was judged.
            Assert.True(done.Waves[i].StartedAt >= done.Waves[i - 1].CompletedAt, $"Wave {i + 1} started before wave {i} was judged.");
        }

        Assert.Equal(Speakers, done.States.GetValueOrDefault("installed"));
        Assert.All(Fleet.Devices, device => Assert.Equal(NewVersion, device.FirmwareVersion));
        var page = await _cloud.Fleet.GetFromJsonAsync<FleetDevicePage>($"api/fleet/devices?model={Model}&take=500");
        Assert.Equal(Speakers, page!.Devices.Count(device => device.FirmwareVersion == NewVersion && device.Update?.State == "installed"));
    }

    [Fact]
    public async Task A_bad_image_that_never_confirms_is_stopped_after_the_first_wave_and_those_speakers_are_back_on_the_old_version()
    {
        var imageId = await UploadAsync(SimulatedAppImage.Create(NewVersion, ImageBytes, neverHealthy: true));

        var created = await CreateRolloutAsync(imageId);
        var stopped = await WaitForRolloutAsync(created.Id, rollout => rollout.Phase is "aborted" or "completed");
        Assert.Equal("aborted", stopped.Phase);
        Assert.Contains("health gate", stopped.Reason);
        Assert.Contains("wave 1", stopped.Reason);
        Assert.All(stopped.Waves.Skip(1), wave => Assert.Null(wave.StartedAt));

        // The first wave's speakers tried the image on trial, never confirmed it, and their loaders went back.
        var firstWave = await WaitForRolloutAsync(created.Id, rollout => rollout.Waves[0].States.GetValueOrDefault("rolled-back") == 2);
        Assert.Equal(Speakers - 2, firstWave.States.GetValueOrDefault("pending"));
        var page = await _cloud.Fleet.GetFromJsonAsync<FleetDevicePage>($"api/fleet/devices?model={Model}&take=500");
        var tried = page!.Devices.Where(device => device.Update is not null).ToArray();
        Assert.Equal(2, tried.Length);
        Assert.All(tried, device => Assert.Equal("rolled-back", device.Update!.State));
        Assert.All(tried, device => Assert.Equal("health-not-confirmed", device.Update!.Reason));
        await WaitUntilAsync(() => Fleet.Devices.All(device => device.FirmwareVersion == OldVersion));
        Assert.All(page.Devices, device => Assert.Equal(OldVersion, device.FirmwareVersion));
        Assert.Equal(2, Fleet.Devices.Count(device => device.Restarts >= FlashFirmwareSlots.DefaultBootTrials));
    }

    private async Task<string> UploadAsync(byte[] image)
    {
        using var content = new ByteArrayContent(_signer.Bundle(Model, NewVersion, image, ChunkBytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _cloud.Fleet.PostAsync("api/fleet/images", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = await response.Content.ReadFromJsonAsync<FirmwareImageView>();
        return uploaded!.ImageId;
    }

    private async Task<RolloutView> CreateRolloutAsync(string imageId)
    {
        using var response = await _cloud.Fleet.PostAsJsonAsync("api/fleet/rollouts", new
        {
            imageId,
            selector = new { model = Model, fromVersions = new[] { OldVersion } },
            waves = new[] { 1, 10, 50, 100 },
            soakSeconds = 1,
            waveTimeoutSeconds = 120,
            onBreach = "abort",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RolloutView>())!;
    }

    private async Task<RolloutView> WaitForRolloutAsync(string id, Func<RolloutView, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var rollout = (await _cloud.Fleet.GetFromJsonAsync<RolloutView>($"api/fleet/rollouts/{id}"))!;
            if (condition(rollout))
            {
                return rollout;
            }

            Assert.False(deadline.IsCancellationRequested, $"Rollout {id} did not get there in {Patience}: {rollout.Phase} wave {rollout.CurrentWave + 1}, {string.Join(", ", rollout.States.Select(s => $"{s.Key} {s.Value}"))}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, "The speakers did not get there in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
