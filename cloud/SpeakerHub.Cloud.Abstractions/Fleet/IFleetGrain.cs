namespace SpeakerHub.Cloud.Abstractions.Fleet;

/// <summary>
/// The fleet's catalogue (singleton, key 0): registered signing keys, uploaded images, known models and
/// rollout ids. Small records only; bundles live in their <see cref="IFirmwareImageGrain"/>.
/// </summary>
[Alias("SpeakerHub.IFleetGrain")]
public interface IFleetGrain : IGrainWithIntegerKey
{
    /// <summary>Registers a 32-byte Ed25519 public key (hex); the same key again returns the existing entry.</summary>
    [Alias("RegisterSigningKey")]
    Task<SigningKeyInfo> RegisterSigningKey(string name, string publicKeyHex);

    [Alias("ListSigningKeys")]
    Task<IReadOnlyList<SigningKeyInfo>> ListSigningKeys();

    [Alias("NoteModel")]
    Task NoteModel(string model);

    [Alias("ListModels")]
    Task<IReadOnlyList<string>> ListModels();

    /// <summary>Lists an image whose bundle is already stored; idempotent.</summary>
    [Alias("AddImage")]
    Task AddImage(FirmwareImageInfo image);

    [Alias("ListImages")]
    Task<IReadOnlyList<FirmwareImageInfo>> ListImages();

    [Alias("GetImage")]
    Task<FirmwareImageInfo?> GetImage(string imageId);

    [Alias("AddRollout")]
    Task AddRollout(string rolloutId);

    [Alias("ListRollouts")]
    Task<IReadOnlyList<string>> ListRollouts();
}

/// <summary>One uploaded bundle (key: image id), stored whole; silos cache it to serve chunks.</summary>
[Alias("SpeakerHub.IFirmwareImageGrain")]
public interface IFirmwareImageGrain : IGrainWithStringKey
{
    [Alias("Store")]
    Task Store(FirmwareImageInfo info, byte[] bundle);

    [Alias("GetInfo")]
    Task<FirmwareImageInfo?> GetInfo();

    [Alias("GetBundle")]
    Task<byte[]?> GetBundle();
}

/// <summary>
/// A staged rollout (key: rollout id), driven by a reminder so it carries on after a restart: waves of
/// devices are offered the image, each wave soaks, health gates compare it with the devices not yet
/// updated, and a breach pauses or aborts with the reason.
/// </summary>
[Alias("SpeakerHub.IRolloutGrain")]
public interface IRolloutGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<RolloutStatus> Create(RolloutSpec spec);

    /// <summary>Null when no rollout has this id.</summary>
    [Alias("GetStatus")]
    Task<RolloutStatus?> GetStatus();

    [Alias("Pause")]
    Task<RolloutStatus> Pause(string reason);

    [Alias("Resume")]
    Task<RolloutStatus> Resume();

    /// <summary>Stops offering: devices not yet switched are told to drop the download; updated ones stay.</summary>
    [Alias("Abort")]
    Task<RolloutStatus> Abort(string reason);

    /// <summary>Aborts if needed, then offers every device this rollout updated the image it ran before.</summary>
    [Alias("Rollback")]
    Task<RolloutStatus> Rollback();

    /// <summary>A device of this rollout reported progress or an outcome.</summary>
    /// <remarks>One-way: the rollout calls devices too, and a device waiting on it in return would deadlock both.</remarks>
    [Alias("ReportDevice"), Orleans.Concurrency.OneWay]
    Task ReportDevice(string deviceId, DeviceUpdateStatus status);
}

public static class FleetGrainFactoryExtensions
{
    public const long FleetKey = 0;

    public static IFleetGrain GetFleet(this IGrainFactory grains) => grains.GetGrain<IFleetGrain>(FleetKey);

    public static IFirmwareImageGrain GetFirmwareImage(this IGrainFactory grains, string imageId) =>
        grains.GetGrain<IFirmwareImageGrain>(imageId);

    public static IRolloutGrain GetRollout(this IGrainFactory grains, string rolloutId) =>
        grains.GetGrain<IRolloutGrain>(rolloutId);
}

/// <summary>A fleet request that contradicts what exists (unknown image, rollout already created, bad state); the API answers 409 or 404.</summary>
[GenerateSerializer, Alias("SpeakerHub.FleetConflictException")]
public sealed class FleetConflictException : Exception
{
    public FleetConflictException()
    {
    }

    public FleetConflictException(string message)
        : base(message)
    {
    }

    public FleetConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

[GenerateSerializer, Alias("SpeakerHub.FleetNotFoundException")]
public sealed class FleetNotFoundException : Exception
{
    public FleetNotFoundException()
    {
    }

    public FleetNotFoundException(string message)
        : base(message)
    {
    }

    public FleetNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
