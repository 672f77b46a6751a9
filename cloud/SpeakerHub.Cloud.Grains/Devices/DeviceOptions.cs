using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>Limits and defaults of the device feature (configuration section "Devices").</summary>
public sealed class DeviceOptions
{
    public const string SectionName = "Devices";

    /// <summary>
    /// Un-acknowledged commands kept per device; beyond it the oldest is dropped, so a device that
    /// never answers cannot grow its grain state without bound.
    /// </summary>
    public int MaxPendingCommands { get; set; } = 100;

    /// <summary>Telemetry reports kept per device for the console and fleet health.</summary>
    public int TelemetryHistory { get; set; } = 10;

    /// <summary>
    /// How long a downlink may wait on the gateway. Past it the session counts as gone: the grain
    /// serves one call at a time, and a dead gateway silo must not stall the device for the
    /// 30 s default response timeout.
    /// </summary>
    public TimeSpan DownlinkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Desired volume of a freshly provisioned device (0..10).</summary>
    public int DefaultVolume { get; set; } = 5;

    /// <summary>Desired wake-word sensitivity of a freshly provisioned device (0..100).</summary>
    public int DefaultWakeSensitivity { get; set; } = 50;

    /// <summary>Largest page <c>IDeviceDirectoryGrain.List</c> returns.</summary>
    public int MaxDirectoryPageSize { get; set; } = 500;

    internal IEnumerable<string> Problems()
    {
        if (MaxPendingCommands < 1)
        {
            yield return "MaxPendingCommands must be at least 1.";
        }

        if (TelemetryHistory < 0)
        {
            yield return "TelemetryHistory must not be negative.";
        }

        if (DownlinkTimeout <= TimeSpan.Zero)
        {
            yield return "DownlinkTimeout must be positive.";
        }

        if (DefaultVolume is < 0 or > TwinPatch.MaxVolume)
        {
            yield return $"DefaultVolume must be 0..{TwinPatch.MaxVolume}.";
        }

        if (DefaultWakeSensitivity is < 0 or > TwinPatch.MaxWakeSensitivity)
        {
            yield return $"DefaultWakeSensitivity must be 0..{TwinPatch.MaxWakeSensitivity}.";
        }

        if (MaxDirectoryPageSize < 1)
        {
            yield return "MaxDirectoryPageSize must be at least 1.";
        }
    }
}
