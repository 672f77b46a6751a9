using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Firmware.Host.Mqtt;

namespace SpeakerHub.Simulator.Fleet;

/// <summary>Everything a fleet of simulated speakers needs to provision itself and connect.</summary>
public sealed class SimulatedFleetOptions
{
    public const int DefaultDeviceCount = 3;
    public const string DefaultModel = "sim-speaker";
    public const string DefaultFirmwareVersion = "1.0.0";
    private const int SimulatedSlotSectors = 80;

    public int DeviceCount { get; set; } = DefaultDeviceCount;

    public Uri ApiBaseAddress { get; set; } = new("http://127.0.0.1:8080");

    /// <summary>Bearer key for <c>/api/admin/*</c>; needed only to provision devices that have no saved credentials.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Holds each device's credentials (<c>devices/</c>) and flash file (<c>flash/</c>), so a rerun is the same fleet.</summary>
    public string DataFolder { get; set; } = Path.Combine(".data", "sim");

    /// <summary>When set, each device records what its speaker plays to <c>&lt;folder&gt;/&lt;id&gt;.wav</c>.</summary>
    public string? RecordingFolder { get; set; }

    /// <summary>
    /// Each device's flash: two 320 KiB slots like the ESP32 app's (<c>Storage/FlashFirmwareSlots</c>),
    /// so a flash file is 656 KiB; a fleet of hundreds stays a few hundred MB on disk.
    /// </summary>
    public DeviceFlashLayout FlashLayout { get; set; } = new(slotSectors: SimulatedSlotSectors);

    /// <summary>
    /// Keeps each device's flash in memory only, with no <c>flash/</c> file: nothing survives the run, and
    /// no file is written per flash operation. For load runs of many devices with big slots (1,000 speakers
    /// with 1 MiB slots would be 2 GB of flash files rewritten chunk by chunk); the default keeps the files.
    /// </summary>
    public bool KeepFlashInMemory { get; set; }

    public string Model { get; set; } = DefaultModel;

    /// <summary>The owner account new devices are provisioned for (its household: timers, smart home, history); none when null.</summary>
    public string? OwnerId { get; set; }

    public string FirmwareVersion { get; set; } = DefaultFirmwareVersion;

    public MqttTransportOptions Mqtt { get; set; } = new();

    public DeviceOptions Device { get; set; } = new();

    /// <summary>
    /// Ed25519 public keys the devices accept firmware from: what a factory burns into a speaker. A
    /// device refuses an update signed with any other key.
    /// </summary>
    public IReadOnlyList<byte[]> TrustedFirmwareKeys { get; set; } = [];

    public FirmwareUpdateOptions Updates { get; set; } = new();
}
