using System.Security.Cryptography;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Cloud.Grains.Fleet;

[GenerateSerializer, Alias("SpeakerHub.FleetState")]
public sealed class FleetState
{
    [Id(0)]
    public List<SigningKeyInfo> SigningKeys { get; set; } = [];

    [Id(1)]
    public List<FirmwareImageInfo> Images { get; set; } = [];

    [Id(2)]
    public List<string> Models { get; set; } = [];

    [Id(3)]
    public List<string> Rollouts { get; set; } = [];
}

/// <summary>
/// The fleet catalogue. One grain is plenty: it changes when an operator acts, not per device message
/// (a model is noted once, at the first provisioning of that model).
/// </summary>
public sealed class FleetGrain(
    [PersistentState("fleet", FleetStorage.Name)] IPersistentState<FleetState> stored,
    TimeProvider time) : Grain, IFleetGrain
{
    private FleetState State => stored.State;

    public async Task<SigningKeyInfo> RegisterSigningKey(string name, string publicKeyHex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = Hex.Decode(publicKeyHex?.Trim().ToLowerInvariant());
        if (key is not { Length: Ed25519.PublicKeyLength })
        {
            throw new ArgumentException($"A signing key is an Ed25519 public key: {Ed25519.PublicKeyLength * 2} hex characters.", nameof(publicKeyHex));
        }

        var hex = Convert.ToHexStringLower(key);
        if (State.SigningKeys.Find(existing => existing.PublicKeyHex == hex) is { } known)
        {
            return known;
        }

        var info = new SigningKeyInfo(Convert.ToHexStringLower(FirmwareBundle.KeyIdOf(key)), name.Trim(), hex, time.GetUtcNow());
        State.SigningKeys.Add(info);
        await stored.WriteStateAsync();
        return info;
    }

    public Task<IReadOnlyList<SigningKeyInfo>> ListSigningKeys() =>
        Task.FromResult<IReadOnlyList<SigningKeyInfo>>(State.SigningKeys.ToArray());

    public async Task NoteModel(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (State.Models.Contains(model, StringComparer.Ordinal))
        {
            return;
        }

        State.Models.Add(model);
        await stored.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListModels() => Task.FromResult<IReadOnlyList<string>>(State.Models.ToArray());

    public async Task AddImage(FirmwareImageInfo image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (State.Images.Exists(existing => existing.ImageId == image.ImageId))
        {
            return;
        }

        State.Images.Add(image);
        await stored.WriteStateAsync();
    }

    public Task<IReadOnlyList<FirmwareImageInfo>> ListImages() =>
        Task.FromResult<IReadOnlyList<FirmwareImageInfo>>(State.Images.ToArray());

    public Task<FirmwareImageInfo?> GetImage(string imageId) =>
        Task.FromResult(State.Images.Find(image => image.ImageId == imageId));

    public async Task AddRollout(string rolloutId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rolloutId);
        if (State.Rollouts.Contains(rolloutId, StringComparer.Ordinal))
        {
            return;
        }

        State.Rollouts.Add(rolloutId);
        await stored.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListRollouts() => Task.FromResult<IReadOnlyList<string>>(State.Rollouts.ToArray());
}

[GenerateSerializer, Alias("SpeakerHub.FirmwareImageState")]
public sealed class FirmwareImageState
{
    [Id(0)]
    public FirmwareImageInfo? Info { get; set; }

    [Id(1)]
    public byte[] Bundle { get; set; } = [];
}

/// <summary>One stored bundle. Written once; a second store of other bytes under the same id is refused.</summary>
public sealed class FirmwareImageGrain(
    [PersistentState("image", FleetStorage.Name)] IPersistentState<FirmwareImageState> stored) : Grain, IFirmwareImageGrain
{
    public async Task Store(FirmwareImageInfo info, byte[] bundle)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(bundle);
        var id = this.GetPrimaryKeyString();
        if (info.ImageId != id || FirmwareImageId.FromHash(SHA256.HashData(bundle)) != id)
        {
            throw new ArgumentException($"The bundle's hash does not give image id {id}.", nameof(bundle));
        }

        if (stored.State.Info is not null)
        {
            return;
        }

        stored.State = new FirmwareImageState { Info = info, Bundle = bundle };
        await stored.WriteStateAsync();

        // The bundle stays in storage; silos cache it while devices download.
        DeactivateOnIdle();
    }

    public Task<FirmwareImageInfo?> GetInfo() => Task.FromResult(stored.State.Info);

    public Task<byte[]?> GetBundle()
    {
        var bundle = stored.State.Info is null ? null : stored.State.Bundle;
        DeactivateOnIdle();
        return Task.FromResult(bundle);
    }
}

/// <summary>The grain storage the fleet grains use; the host registers it next to "devices".</summary>
public static class FleetStorage
{
    public const string Name = "devices";
}
