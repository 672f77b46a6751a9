namespace SpeakerHub.Cloud.Grains.Accounts;

[GenerateSerializer, Alias("SpeakerHub.OwnerState")]
public sealed class OwnerState
{
    /// <summary>Empty until created; an owner exists exactly when it has a name.</summary>
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(2)]
    public List<string> DeviceIds { get; set; } = [];

    [Id(3)]
    public List<StoredApiKey> Keys { get; set; } = [];

    public bool IsCreated => Name.Length > 0;
}

/// <summary>An API key as stored: the SHA-256 of its secret, never the secret.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.StoredApiKey")]
public sealed record StoredApiKey([property: Id(0)] string KeyId, [property: Id(1)] byte[] SecretHash, [property: Id(2)] DateTimeOffset CreatedAt);
