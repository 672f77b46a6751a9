using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SpeakerHub.Cloud.Api.Fleet;
using SpeakerHub.EndToEndTests.Api;
using SpeakerHub.EndToEndTests.Infrastructure;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.EndToEndTests.Fleet;

/// <summary>
/// A real cloud with fast rollout ticks, a release signing key registered with it, and simulated
/// speakers (real firmware core, updater, loader and simulated flash) that trust that key and run
/// <see cref="OldVersion"/>. An updated image confirms itself after half a second online; one that has
/// not within the trial deadline restarts (30 s by default: a loaded test machine can take seconds to
/// reconnect; tests of a bad image shorten it so the fallback comes within seconds).
/// </summary>
public sealed class OtaRig : IAsyncDisposable
{
    public const string Model = "ota-speaker";
    public const string OldVersion = "1.0.0";
    public const int ChunkBytes = 4096;
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly string _simulatorData = Path.Combine(Path.GetTempPath(), "speakerhub-ota-" + Guid.NewGuid().ToString("N"));
    private SimulatedFleet? _fleet;

    public CloudNode Cloud { get; } = new(new Dictionary<string, string?> { ["Fleet:RolloutTick"] = "00:00:00.250" });

    /// <summary>The key the speakers were built to trust.</summary>
    public FleetSigner Release { get; } = new();

    public SimulatedFleet Speakers => _fleet ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync(int speakers, int trialDeadlineMs = 30_000)
    {
        await Cloud.StartAsync();
        await RegisterAsync(Release, "release");
        var options = new SimulatedFleetOptions
        {
            DeviceCount = speakers,
            Model = Model,
            FirmwareVersion = OldVersion,
            ApiBaseAddress = Cloud.ApiAddress,
            AdminKey = Cloud.AdminKey,
            DataFolder = _simulatorData,
            TrustedFirmwareKeys = [Release.PublicKey],
            // 64 KiB slots: the test images are small, and 200 flash files stay 16 MB.
            FlashLayout = new DeviceFlashLayout(slotSectors: 16),
            Updates = new FirmwareUpdateOptions { HealthyAfterMs = 500, TrialDeadlineMs = trialDeadlineMs, RestartDelayMs = 100 },
        };
        options.Mqtt.Port = Cloud.MqttPort;
        _fleet = await SimulatedFleet.StartAsync(options);
        using var timeout = new CancellationTokenSource(Patience);
        await _fleet.WaitUntilOnlineAsync(timeout.Token);
    }

    public async Task RegisterAsync(FleetSigner signer, string name)
    {
        using var registered = await Cloud.Fleet.PostAsJsonAsync("api/fleet/signing-keys", new { name, publicKey = signer.PublicKeyHex });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    /// <summary>Uploads <paramref name="image"/> signed by <paramref name="signer"/> (the release key by default); returns its image id.</summary>
    public async Task<string> UploadAsync(byte[] image, string version, FleetSigner? signer = null, string model = Model)
    {
        using var content = new ByteArrayContent((signer ?? Release).Bundle(model, version, image, ChunkBytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Cloud.Fleet.PostAsync("api/fleet/images", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FirmwareImageView>())!.ImageId;
    }

    public async Task<RolloutView> CreateRolloutAsync(string imageId, double[] waves, string[]? tags = null)
    {
        using var response = await Cloud.Fleet.PostAsJsonAsync("api/fleet/rollouts", new
        {
            imageId,
            selector = new { model = Model, tags = tags ?? [], fromVersions = new[] { OldVersion } },
            waves,
            soakSeconds = 1,
            waveTimeoutSeconds = 120,
            onBreach = "abort",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RolloutView>())!;
    }

    public async Task<RolloutView> WaitForRolloutAsync(string id, Func<RolloutView, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var rollout = (await Cloud.Fleet.GetFromJsonAsync<RolloutView>($"api/fleet/rollouts/{id}"))!;
            if (condition(rollout))
            {
                return rollout;
            }

            Assert.False(
                deadline.IsCancellationRequested,
                $"Rollout {id} did not get there in {Patience}: {rollout.Phase} wave {rollout.CurrentWave + 1}, {string.Join(", ", rollout.States.Select(s => $"{s.Key} {s.Value}"))}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
    }

    /// <summary>Polls the fleet API's view of a device until <paramref name="condition"/> holds.</summary>
    public async Task<FleetDeviceView> WaitForDeviceAsync(string id, Func<FleetDeviceView, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var device = (await Cloud.Fleet.GetFromJsonAsync<FleetDeviceView>($"api/fleet/devices/{id}"))!;
            if (condition(device))
            {
                return device;
            }

            Assert.False(deadline.IsCancellationRequested, $"Device {id} did not get there in {Patience}: {device}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, "The speakers did not get there in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        await Cloud.DisposeAsync();
        Release.Dispose();
        if (Directory.Exists(_simulatorData))
        {
            Directory.Delete(_simulatorData, recursive: true);
        }
    }
}
