using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Host.Hardware.Audio;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Firmware.Host.Mqtt;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Simulator.Fleet;

/// <summary>
/// N simulated speakers: each provisioned once through the admin API (credentials kept under the data
/// folder), then run with the real firmware core over MQTT and the host's hardware twins: settings in a
/// file-backed NOR flash (<c>flash/&lt;id&gt;.nor</c>, or in memory only with
/// <see cref="SimulatedFleetOptions.KeepFlashInMemory"/>), a WAV speaker (recorded to
/// <see cref="SimulatedFleetOptions.RecordingFolder"/> when set), the light ring and the microphone.
/// The command line and the end-to-end tests both drive the product through this class.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private const string CredentialsFolderName = "devices";
    private const string FlashFolderName = "flash";
    private const string FlashExtension = ".nor";
    private const string RecordingExtension = ".wav";
    private const int Capabilities = Hello.CapabilityMicrophone | Hello.CapabilitySpeaker | Hello.CapabilityOfflineCommands;

    /// <summary>
    /// One second of microphone buffer instead of an ESP32's few DMA frames: a host running dozens of
    /// speakers (and the cloud) can stall a device loop for longer than 160 ms, and a real I2S driver never
    /// stalls like that, so the twin must not lose the user's words to it.
    /// </summary>
    private const int SimulatedMicrophoneFrames = 50;

    private readonly List<DeviceRunner> _devices;

    private SimulatedFleet(List<DeviceRunner> devices)
    {
        _devices = devices;
    }

    /// <summary>Slot order: <c>Devices[0]</c> is device 1 on the command line.</summary>
    public IReadOnlyList<DeviceRunner> Devices => _devices;

    /// <summary>Provisions what is missing and builds the devices without starting them, so callers can subscribe to events first.</summary>
    public static async Task<SimulatedFleet> CreateAsync(
        SimulatedFleetOptions options,
        HttpClient? http = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DeviceCount, 1);
        logger ??= NullLogger.Instance;
        HttpClient client = http ?? new HttpClient();
        try
        {
            client.BaseAddress ??= WithTrailingSlash(options.ApiBaseAddress);
            CredentialFolder credentials = new(Path.Combine(options.DataFolder, CredentialsFolderName));
            FleetApiClient? api = options.AdminKey is null ? null : new FleetApiClient(client, options.AdminKey);
            string flashFolder = Path.Combine(options.DataFolder, FlashFolderName);
            List<DeviceRunner> devices = [];
            try
            {
                for (int slot = 1; slot <= options.DeviceCount; slot++)
                {
                    DeviceCredentials device = await EnsureProvisionedAsync(slot, credentials, api, options, logger, cancellationToken);
                    SimulatedFlash flash = options.FlashLayout.CreateFlash(
                        options.KeepFlashInMemory ? null : Path.Combine(flashFolder, device.DeviceId + FlashExtension));
                    SimulatedFirmware firmware = new(
                        flash, options.FlashLayout, options.TrustedFirmwareKeys, options.Model, options.FirmwareVersion, options.Updates);
                    devices.Add(new DeviceRunner(
                        new DeviceIdentity(device.DeviceId, options.Model, options.FirmwareVersion, Capabilities),
                        options.Device,
                        new MqttNetTransport(device, options.Mqtt, logger: logger),
                        new WavSpeaker(new WavSpeakerOptions { RecordingPath = RecordingPathOf(options, device.DeviceId) }),
                        new FlashSettingsStore(options.FlashLayout.Settings(flash)),
                        logger: logger,
                        microphoneBufferFrames: SimulatedMicrophoneFrames,
                        firmware: firmware));
                }
            }
            catch
            {
                await Task.WhenAll(devices.Select(d => d.DisposeAsync().AsTask()));
                throw;
            }

            return new SimulatedFleet(devices);
        }
        finally
        {
            if (http is null)
            {
                client.Dispose();
            }
        }
    }

    /// <summary><see cref="CreateAsync"/> then <see cref="Start"/>.</summary>
    public static async Task<SimulatedFleet> StartAsync(
        SimulatedFleetOptions options,
        HttpClient? http = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        SimulatedFleet fleet = await CreateAsync(options, http, logger, cancellationToken);
        fleet.Start();
        return fleet;
    }

    public void Start()
    {
        foreach (DeviceRunner device in _devices)
        {
            device.Start();
        }
    }

    public Task WaitUntilOnlineAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(_devices.Select(d => d.WaitUntilOnlineAsync(cancellationToken)));

    /// <summary>Every device says <paramref name="text"/> at once; the replies in slot order.</summary>
    public Task<string[]> SayAllAsync(string text, CancellationToken cancellationToken = default) =>
        Task.WhenAll(_devices.Select(d => d.SayAsync(text, cancellationToken)));

    /// <summary>Shuts every device down cleanly (each publishes "offline" before disconnecting).</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_devices.Select(d => d.DisposeAsync().AsTask()));
    }

    private static string? RecordingPathOf(SimulatedFleetOptions options, string deviceId) =>
        options.RecordingFolder is null ? null : Path.Combine(options.RecordingFolder, deviceId + RecordingExtension);

    // Without it, a base address with a path ("http://host/speakerhub") would lose that path.
    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");

    private static async Task<DeviceCredentials> EnsureProvisionedAsync(
        int slot,
        CredentialFolder credentials,
        FleetApiClient? api,
        SimulatedFleetOptions options,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        DeviceCredentials? saved = credentials.Load(slot);

        // A saved device the cloud no longer knows (its data was reset) could never log in again.
        if (saved is not null && (api is null || await api.ExistsAsync(saved.DeviceId, cancellationToken)))
        {
            return saved;
        }

        if (api is null)
        {
            throw new FleetApiException($"Device {slot} has no saved credentials and there is no admin key to provision it.");
        }

        DeviceCredentials created = await api.ProvisionAsync(options.Model, options.OwnerId, cancellationToken);
        credentials.Save(slot, created);
        logger.LogInformation("Provisioned device {Slot} as {DeviceId}", slot, created.DeviceId);
        return created;
    }
}
