using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Abstractions.Devices;

namespace SpeakerHub.Cloud.Api.Admin;

// Response bodies of /api/admin: the HTTP contract the simulator, console and tests code against,
// mapped from grain contracts so either can change without silently changing the other.

public sealed record ProvisionedDevice(string Id, string Key, MqttEndpoint Mqtt);

public sealed record MqttEndpoint(int Port);

public sealed record DeviceView(
    string Id,
    string Model,
    bool Online,
    DateTimeOffset? LastSeen,
    string? FirmwareVersion,
    TwinView Desired,
    TwinView Reported,
    IReadOnlyList<PendingCommandView> PendingCommands,
    string? OwnerId)
{
    public static DeviceView From(DeviceSnapshot snapshot) => new(
        snapshot.DeviceId,
        snapshot.Model,
        snapshot.Online,
        snapshot.LastSeen,
        snapshot.FirmwareVersion,
        TwinView.From(snapshot.Desired),
        TwinView.From(snapshot.Reported),
        snapshot.PendingCommands.Select(PendingCommandView.From).ToArray(),
        snapshot.OwnerId);
}

public sealed record TwinView(long Version, int Volume, bool Muted, int WakeSensitivity)
{
    public static TwinView From(TwinProperties twin) => new(twin.Version, twin.Volume, twin.Muted, twin.WakeSensitivity);
}

public sealed record PendingCommandView(uint Id, string Name, int Number, string? Text, DateTimeOffset QueuedAt, int Deliveries)
{
    public static PendingCommandView From(PendingCommand command) =>
        new(command.Id, command.Request.Name, command.Request.Number, command.Request.Text, command.QueuedAt, command.Deliveries);
}

public sealed record TwinAccepted(long DesiredVersion);

public sealed record CommandAccepted(uint CommandId);

public sealed record SayResult(
    uint InteractionId, string Text, string Intent, IReadOnlyDictionary<string, string> Slots, string Reply, bool ExpectsFollowUp)
{
    public static SayResult From(InteractionResult result) =>
        new(result.InteractionId, result.Text, result.Intent, result.Slots, result.Reply, result.ExpectsFollowUp);
}

/// <summary>A freshly issued owner key: the only time <see cref="ApiKey"/> is ever shown.</summary>
public sealed record OwnerKeyView(string OwnerId, string KeyId, string ApiKey, DateTimeOffset CreatedAt)
{
    public static OwnerKeyView From(IssuedApiKey key) => new(key.OwnerId, key.KeyId, key.ApiKey, key.CreatedAt);
}

public sealed record OwnerView(string Id, string Name, DateTimeOffset CreatedAt, IReadOnlyList<string> DeviceIds, IReadOnlyList<OwnerKeyInfoView> Keys)
{
    public static OwnerView From(OwnerProfile profile) => new(
        profile.OwnerId,
        profile.Name,
        profile.CreatedAt,
        profile.DeviceIds,
        profile.Keys.Select(key => new OwnerKeyInfoView(key.KeyId, key.CreatedAt)).ToArray());
}

public sealed record OwnerKeyInfoView(string KeyId, DateTimeOffset CreatedAt);
