namespace SpeakerHub.Cloud.Abstractions.Accounts;

/// <summary>A freshly issued key: <see cref="ApiKey"/> is the only copy there will ever be.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.IssuedApiKey")]
public sealed record IssuedApiKey(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string KeyId,
    [property: Id(2)] string ApiKey,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>What an administrator sees of a key: never the key, nor its hash.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.ApiKeyInfo")]
public sealed record ApiKeyInfo([property: Id(0)] string KeyId, [property: Id(1)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("SpeakerHub.OwnerProfile")]
public sealed record OwnerProfile(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] IReadOnlyList<string> DeviceIds,
    [property: Id(4)] IReadOnlyList<ApiKeyInfo> Keys);
