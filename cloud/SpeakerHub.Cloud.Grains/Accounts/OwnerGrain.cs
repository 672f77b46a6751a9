using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Accounts;

public sealed class OwnerGrain(
    [PersistentState("owner", "devices")] IPersistentState<OwnerState> stored,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<OwnerGrain> logger) : Grain, IOwnerGrain
{
    private string OwnerId => this.GetPrimaryKeyString();

    private OwnerState State => stored.State;

    public async Task<IssuedApiKey> Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, IOwnerGrain.MaxNameLength, nameof(name));
        if (!OwnerApiKey.IsValidOwnerId(OwnerId))
        {
            throw new ArgumentException(
                $"An owner id is 1..{OwnerApiKey.MaxOwnerIdLength} ASCII letters, digits, '-' or '_'; '{OwnerId}' is not.");
        }

        if (State.IsCreated)
        {
            throw OwnerAlreadyExistsException.For(OwnerId);
        }

        var now = time.GetUtcNow();
        var (key, issued) = NewKey(now);
        stored.State = new OwnerState { Name = name.Trim(), CreatedAt = now, Keys = [key] };
        await Persist();
        logger.LogInformation("Created owner {OwnerId}", OwnerId);
        return issued;
    }

    public Task<OwnerProfile?> GetProfile()
    {
        if (!State.IsCreated)
        {
            return Task.FromResult<OwnerProfile?>(null);
        }

        return Task.FromResult<OwnerProfile?>(new OwnerProfile(
            OwnerId,
            State.Name,
            State.CreatedAt,
            State.DeviceIds.ToArray(),
            State.Keys.Select(key => new ApiKeyInfo(key.KeyId, key.CreatedAt)).ToArray()));
    }

    public async Task AddDevice(string deviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        EnsureCreated();
        if (State.DeviceIds.Contains(deviceId, StringComparer.Ordinal))
        {
            return;
        }

        State.DeviceIds.Add(deviceId);
        await Persist();
    }

    public Task<bool> VerifyKey(string secret) => Task.FromResult(ApiKeyRing.Verify(State.Keys, secret));

    public async Task<IssuedApiKey?> IssueKey(bool revokeOthers)
    {
        EnsureCreated();
        if (!revokeOthers && State.Keys.Count >= options.Value.MaxApiKeysPerOwner)
        {
            return null;
        }

        var (key, issued) = NewKey(time.GetUtcNow());
        var revoked = revokeOthers ? State.Keys.Count : 0;
        if (revokeOthers)
        {
            State.Keys.Clear();
        }

        State.Keys.Add(key);
        await Persist();
        logger.LogInformation("Owner {OwnerId} got key {KeyId}; {Revoked} older keys revoked", OwnerId, issued.KeyId, revoked);
        return issued;
    }

    public async Task<bool> RevokeKey(string keyId)
    {
        EnsureCreated();
        if (State.Keys.RemoveAll(key => key.KeyId == keyId) == 0)
        {
            return false;
        }

        await Persist();
        logger.LogInformation("Owner {OwnerId} key {KeyId} revoked", OwnerId, keyId);
        return true;
    }

    private (StoredApiKey Stored, IssuedApiKey Issued) NewKey(DateTimeOffset now) => ApiKeyRing.NewKey(OwnerId, now);

    private void EnsureCreated()
    {
        if (!State.IsCreated)
        {
            throw OwnerNotFoundException.For(OwnerId);
        }
    }

    private Task Persist() => stored.WriteOrDeactivateAsync(DeactivateOnIdle);
}
