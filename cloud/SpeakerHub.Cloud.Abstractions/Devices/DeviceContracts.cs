namespace SpeakerHub.Cloud.Abstractions.Devices;

[GenerateSerializer, Immutable, Alias("SpeakerHub.ProvisionResult")]
public sealed record ProvisionResult([property: Id(0)] string DeviceId, [property: Id(1)] string KeyHex);

/// <summary>A partial twin change; null means "leave as is".</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.TwinChange")]
public sealed record TwinChange(
    [property: Id(0)] int? Volume = null,
    [property: Id(1)] bool? Muted = null,
    [property: Id(2)] int? WakeSensitivity = null);

[GenerateSerializer, Immutable, Alias("SpeakerHub.TwinProperties")]
public sealed record TwinProperties(
    [property: Id(0)] long Version,
    [property: Id(1)] int Volume,
    [property: Id(2)] bool Muted,
    [property: Id(3)] int WakeSensitivity)
{
    /// <summary>Desired only: the firmware image id offered to the device; null or empty when none.</summary>
    [Id(4)]
    public string? FirmwareTarget { get; init; }
}

[GenerateSerializer, Immutable, Alias("SpeakerHub.CommandRequest")]
public sealed record CommandRequest(
    [property: Id(0)] string Name,
    [property: Id(1)] int Number = 0,
    [property: Id(2)] string? Text = null);

[GenerateSerializer, Immutable, Alias("SpeakerHub.PendingCommand")]
public sealed record PendingCommand(
    [property: Id(0)] uint Id,
    [property: Id(1)] CommandRequest Request,
    [property: Id(2)] DateTimeOffset QueuedAt,
    [property: Id(3)] int Deliveries);

[GenerateSerializer, Immutable, Alias("SpeakerHub.InteractionResult")]
public sealed record InteractionResult(
    [property: Id(0)] uint InteractionId,
    [property: Id(1)] string Text,
    [property: Id(2)] string Intent,
    [property: Id(3)] IReadOnlyDictionary<string, string> Slots,
    [property: Id(4)] string Reply,
    [property: Id(5)] bool ExpectsFollowUp);

/// <summary>What the API and console show of one device.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.DeviceSnapshot")]
public sealed record DeviceSnapshot(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Model,
    [property: Id(2)] bool Online,
    [property: Id(3)] DateTimeOffset? LastSeen,
    [property: Id(4)] string? FirmwareVersion,
    [property: Id(5)] TwinProperties Desired,
    [property: Id(6)] TwinProperties Reported,
    [property: Id(7)] IReadOnlyList<PendingCommand> PendingCommands,
    [property: Id(8)] DateTimeOffset ProvisionedAt)
{
    /// <summary>Boot count from the last hello; a number that climbs fast means a crash loop.</summary>
    [Id(9)]
    public int BootCount { get; init; }

    /// <summary>The last few telemetry reports, oldest first.</summary>
    [Id(10)]
    public IReadOnlyList<TelemetrySample> RecentTelemetry { get; init; } = [];

    /// <summary>The owner account the device was provisioned for, if any.</summary>
    [Id(11)]
    public string? OwnerId { get; init; }
}

/// <summary>One telemetry report as the cloud received it.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.TelemetrySample")]
public sealed record TelemetrySample(
    [property: Id(0)] DateTimeOffset ReceivedAt,
    [property: Id(1)] long UptimeSeconds,
    [property: Id(2)] int FreeMemory,
    [property: Id(3)] int Rssi,
    [property: Id(4)] int QueuedMessages,
    [property: Id(5)] int Reconnects);
