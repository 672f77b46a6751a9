namespace SpeakerHub.Cloud.Abstractions.Fleet;

/// <summary>An operator's firmware signing key the fleet accepts bundles from.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.SigningKeyInfo")]
public sealed record SigningKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] string PublicKeyHex,
    [property: Id(3)] DateTimeOffset AddedAt);

/// <summary>An uploaded, verified firmware bundle.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.FirmwareImageInfo")]
public sealed record FirmwareImageInfo(
    [property: Id(0)] string ImageId,
    [property: Id(1)] string Model,
    [property: Id(2)] string Version,
    [property: Id(3)] string? MinimumVersion,
    [property: Id(4)] int ImageLength,
    [property: Id(5)] int BundleLength,
    [property: Id(6)] int ChunkSize,
    [property: Id(7)] string ImageSha256,
    [property: Id(8)] string KeyId,
    [property: Id(9)] DateTimeOffset UploadedAt,
    [property: Id(10)] string? Notes);

/// <summary>Where a device stands with the update it was last offered (from its <c>up/ota</c> reports).</summary>
public enum DeviceUpdateState
{
    Offered = 0,
    Downloading = 1,
    Verifying = 2,
    Staged = 3,
    Installed = 4,
    Failed = 5,
    RolledBack = 6,
    Cancelled = 7,
}

[GenerateSerializer, Immutable, Alias("SpeakerHub.DeviceUpdateStatus")]
public sealed record DeviceUpdateStatus(
    [property: Id(0)] string ImageId,
    [property: Id(1)] DeviceUpdateState State,
    [property: Id(2)] int BytesDone,
    [property: Id(3)] int TotalBytes,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string? Detail,
    [property: Id(6)] string? RunningVersion,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] string? RolloutId)
{
    /// <summary>Nothing more will happen for this offer without a new one.</summary>
    public bool IsTerminal => State is DeviceUpdateState.Installed or DeviceUpdateState.Failed
        or DeviceUpdateState.RolledBack or DeviceUpdateState.Cancelled;
}

/// <summary>Counters a health gate compares between updated and not-yet-updated devices; they only grow.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.DeviceHealthCounters")]
public sealed record DeviceHealthCounters(
    [property: Id(0)] long Connects,
    [property: Id(1)] long Boots,
    [property: Id(2)] long VoiceTurns,
    [property: Id(3)] long VoiceErrors)
{
    public static DeviceHealthCounters Zero { get; } = new(0, 0, 0, 0);
}

/// <summary>One device as the fleet API shows it.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.FleetDeviceInfo")]
public sealed record FleetDeviceInfo(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Model,
    [property: Id(2)] string? FirmwareVersion,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] bool Online,
    [property: Id(5)] string? FirmwareTarget,
    [property: Id(6)] DeviceUpdateStatus? Update,
    [property: Id(7)] DeviceHealthCounters Health);

/// <summary>Which devices a rollout is for: one model, optionally only some tags (all of them) and current versions.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.RolloutSelector")]
public sealed record RolloutSelector(
    [property: Id(0)] string Model,
    [property: Id(1)] IReadOnlyList<string> Tags,
    [property: Id(2)] IReadOnlyList<string> FromVersions);

/// <summary>
/// What a wave must show before the next one starts. Rates are per device of the wave, compared with
/// the devices not yet updated over the same time ("extra" = updated minus control, after allowing
/// for the one reboot and reconnect an update itself causes).
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.HealthGates")]
public sealed record HealthGates(
    [property: Id(0)] double MinSuccessRate = 0.95,
    [property: Id(1)] double MaxRollbackRate = 0.05,
    [property: Id(2)] double MaxExtraReconnectsPerDevice = 2.0,
    [property: Id(3)] double MaxExtraRebootsPerDevice = 1.0,
    [property: Id(4)] double MaxVoiceErrorRateIncrease = 0.10);

public enum GateAction
{
    Pause = 0,
    Abort = 1,
}

[GenerateSerializer, Immutable, Alias("SpeakerHub.RolloutSpec")]
public sealed record RolloutSpec(
    [property: Id(0)] string ImageId,
    [property: Id(1)] RolloutSelector Selector,
    [property: Id(2)] IReadOnlyList<double> WavePercents,
    [property: Id(3)] TimeSpan Soak,
    [property: Id(4)] TimeSpan WaveTimeout,
    [property: Id(5)] HealthGates Gates,
    [property: Id(6)] GateAction OnBreach,
    [property: Id(7)] string? Description);

public enum RolloutPhase
{
    Running = 0,
    Paused = 1,
    Completed = 2,
    Aborted = 3,
    RollingBack = 4,
    RolledBack = 5,
}

[GenerateSerializer, Immutable, Alias("SpeakerHub.GateReading")]
public sealed record GateReading(
    [property: Id(0)] string Gate,
    [property: Id(1)] double Updated,
    [property: Id(2)] double Control,
    [property: Id(3)] double Limit,
    [property: Id(4)] bool Breached);

[GenerateSerializer, Immutable, Alias("SpeakerHub.WaveVerdict")]
public sealed record WaveVerdict(
    [property: Id(0)] bool Passed,
    [property: Id(1)] string Summary,
    [property: Id(2)] IReadOnlyList<GateReading> Readings,
    [property: Id(3)] DateTimeOffset JudgedAt);

[GenerateSerializer, Immutable, Alias("SpeakerHub.WaveStatus")]
public sealed record WaveStatus(
    [property: Id(0)] int Index,
    [property: Id(1)] double Percent,
    [property: Id(2)] int Devices,
    [property: Id(3)] DateTimeOffset? StartedAt,
    [property: Id(4)] DateTimeOffset? SoakUntil,
    [property: Id(5)] DateTimeOffset? CompletedAt,
    [property: Id(6)] IReadOnlyDictionary<string, int> States,
    [property: Id(7)] WaveVerdict? Verdict);

[GenerateSerializer, Immutable, Alias("SpeakerHub.RolloutStatus")]
public sealed record RolloutStatus(
    [property: Id(0)] string RolloutId,
    [property: Id(1)] string ImageId,
    [property: Id(2)] string Version,
    [property: Id(3)] RolloutPhase Phase,
    [property: Id(4)] string? Reason,
    [property: Id(5)] int CurrentWave,
    [property: Id(6)] int TotalDevices,
    [property: Id(7)] IReadOnlyList<WaveStatus> Waves,
    [property: Id(8)] IReadOnlyDictionary<string, int> States,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] RolloutSpec Spec);
