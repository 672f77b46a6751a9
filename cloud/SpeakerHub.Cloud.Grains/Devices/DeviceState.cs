using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>
/// What a device grain stores. Presence (session, downlink) is deliberately absent: a reference to a
/// gateway session means nothing after a restart, and the device says hello again when it reconnects.
/// </summary>
[GenerateSerializer, Alias("SpeakerHub.DeviceState")]
public sealed class DeviceState
{
    /// <summary>Empty until provisioned; a device exists exactly when it has a key.</summary>
    [Id(0)]
    public byte[] Key { get; set; } = [];

    [Id(1)]
    public string Model { get; set; } = string.Empty;

    [Id(2)]
    public DateTimeOffset ProvisionedAt { get; set; }

    [Id(3)]
    public string? FirmwareVersion { get; set; }

    [Id(4)]
    public int BootCount { get; set; }

    [Id(5)]
    public DateTimeOffset? LastSeen { get; set; }

    [Id(6)]
    public TwinProperties Desired { get; set; } = new(0, 0, false, 0);

    /// <summary>What the device last said it applied; its version is the desired version it caught up to.</summary>
    [Id(7)]
    public TwinProperties Reported { get; set; } = new(0, 0, false, 0);

    /// <summary>Sent or not, un-acknowledged commands in id order; resent after every hello.</summary>
    [Id(8)]
    public List<PendingCommand> PendingCommands { get; set; } = [];

    /// <summary>Stored so ids never repeat across restarts: the device de-duplicates commands by id.</summary>
    [Id(9)]
    public uint NextCommandId { get; set; } = 1;

    [Id(10)]
    public uint NextInteractionId { get; set; } = 1;

    [Id(11)]
    public List<TelemetrySample> RecentTelemetry { get; set; } = [];

    [Id(12)]
    public string? OwnerId { get; set; }

    /// <summary>Announcement ids: the top bit set keeps them apart from the device's own interaction ids.</summary>
    [Id(13)]
    public uint NextAnnouncementId { get; set; } = 1;

    /// <summary>Fleet tags, sorted; rollout selectors match on them.</summary>
    [Id(14)]
    public List<string> Tags { get; set; } = [];

    /// <summary>The last firmware offer and what the device reported about it.</summary>
    [Id(15)]
    public DeviceUpdateStatus? Update { get; set; }

    /// <summary>The rollout that made the current firmware offer; it hears every report about it.</summary>
    [Id(16)]
    public string? OfferRolloutId { get; set; }

    [Id(17)]
    public DeviceHealthCounters Health { get; set; } = DeviceHealthCounters.Zero;

    public bool IsProvisioned => Key.Length > 0;

    public uint TakeCommandId()
    {
        var id = NextCommandId;
        NextCommandId = Following(id);
        return id;
    }

    public uint TakeInteractionId()
    {
        var id = NextInteractionId;
        NextInteractionId = Following(id);
        return id;
    }

    // Zero means "no id" on the wire (a command with correlation id 0 is refused), so wrapping skips it.
    private static uint Following(uint id) => id == uint.MaxValue ? 1 : id + 1;
}
