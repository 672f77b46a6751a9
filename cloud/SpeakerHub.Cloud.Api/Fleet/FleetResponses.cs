using System.Text.Json;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Api.Fleet;

// Response bodies of /api/fleet: the HTTP contract the console and tools code against, mapped from the
// grain contracts so either can change without silently changing the other. Enums are strings in the
// kebab-case the rest of the API uses ("rolling-back", "rolled-back").

public sealed record SigningKeyView(string KeyId, string Name, string PublicKey, DateTimeOffset AddedAt)
{
    public static SigningKeyView From(SigningKeyInfo key) => new(key.KeyId, key.Name, key.PublicKeyHex, key.AddedAt);
}

public sealed record FirmwareImageView(
    string ImageId,
    string Model,
    string Version,
    string? MinimumVersion,
    int ImageLength,
    int BundleLength,
    int ChunkSize,
    string ImageSha256,
    string KeyId,
    DateTimeOffset UploadedAt,
    string? Notes)
{
    public static FirmwareImageView From(FirmwareImageInfo image) => new(
        image.ImageId,
        image.Model,
        image.Version,
        image.MinimumVersion,
        image.ImageLength,
        image.BundleLength,
        image.ChunkSize,
        image.ImageSha256,
        image.KeyId,
        image.UploadedAt,
        image.Notes);
}

public sealed record FleetDeviceView(
    string Id,
    string Model,
    string? FirmwareVersion,
    IReadOnlyList<string> Tags,
    bool Online,
    string? FirmwareTarget,
    DeviceUpdateView? Update,
    DeviceHealthView Health)
{
    public static FleetDeviceView From(FleetDeviceInfo device) => new(
        device.DeviceId,
        device.Model,
        device.FirmwareVersion,
        device.Tags,
        device.Online,
        device.FirmwareTarget,
        device.Update is null ? null : DeviceUpdateView.From(device.Update),
        DeviceHealthView.From(device.Health));
}

public sealed record DeviceUpdateView(
    string ImageId,
    string State,
    int BytesDone,
    int TotalBytes,
    string? Reason,
    string? Detail,
    string? RunningVersion,
    DateTimeOffset UpdatedAt,
    string? RolloutId)
{
    public static DeviceUpdateView From(DeviceUpdateStatus update) => new(
        update.ImageId,
        FleetNames.Of(update.State),
        update.BytesDone,
        update.TotalBytes,
        update.Reason,
        update.Detail,
        update.RunningVersion,
        update.UpdatedAt,
        update.RolloutId);
}

public sealed record DeviceHealthView(long Connects, long Boots, long VoiceTurns, long VoiceErrors)
{
    public static DeviceHealthView From(DeviceHealthCounters health) => new(health.Connects, health.Boots, health.VoiceTurns, health.VoiceErrors);
}

/// <summary>One page of the devices a filter matched; <see cref="Total"/> counts them all.</summary>
public sealed record FleetDevicePage(int Total, int Skip, int Take, IReadOnlyList<FleetDeviceView> Devices);

/// <summary>A model: how many devices are of it, how many are online, and which versions they run (newest first).</summary>
public sealed record FleetModelView(string Model, int Devices, int Online, IReadOnlyList<VersionCountView> Versions);

public sealed record VersionCountView(string Version, int Devices);

public sealed record FleetTagView(string Tag, int Devices);

public sealed record RolloutView(
    string Id,
    string ImageId,
    string Version,
    string Phase,
    string? Reason,
    int CurrentWave,
    int TotalDevices,
    IReadOnlyList<WaveView> Waves,
    IReadOnlyDictionary<string, int> States,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    RolloutSpecView Spec)
{
    public static RolloutView From(RolloutStatus status) => new(
        status.RolloutId,
        status.ImageId,
        status.Version,
        FleetNames.Of(status.Phase),
        status.Reason,
        status.CurrentWave,
        status.TotalDevices,
        status.Waves.Select(WaveView.From).ToArray(),
        status.States,
        status.CreatedAt,
        status.UpdatedAt,
        RolloutSpecView.From(status.Spec));
}

public sealed record WaveView(
    int Index,
    double Percent,
    int Devices,
    DateTimeOffset? StartedAt,
    DateTimeOffset? SoakUntil,
    DateTimeOffset? CompletedAt,
    IReadOnlyDictionary<string, int> States,
    WaveVerdictView? Verdict)
{
    public static WaveView From(WaveStatus wave) => new(
        wave.Index,
        wave.Percent,
        wave.Devices,
        wave.StartedAt,
        wave.SoakUntil,
        wave.CompletedAt,
        wave.States,
        wave.Verdict is null ? null : WaveVerdictView.From(wave.Verdict));
}

public sealed record WaveVerdictView(bool Passed, string Summary, IReadOnlyList<GateReadingView> Readings, DateTimeOffset JudgedAt)
{
    public static WaveVerdictView From(WaveVerdict verdict) => new(
        verdict.Passed,
        verdict.Summary,
        verdict.Readings.Select(reading => new GateReadingView(reading.Gate, reading.Updated, reading.Control, reading.Limit, reading.Breached)).ToArray(),
        verdict.JudgedAt);
}

public sealed record GateReadingView(string Gate, double Updated, double Control, double Limit, bool Breached);

/// <summary>A rollout's spec in the shape <c>POST /rollouts</c> takes, with every default filled in.</summary>
public sealed record RolloutSpecView(
    string ImageId,
    RolloutSelectorView Selector,
    IReadOnlyList<double> Waves,
    long SoakSeconds,
    long WaveTimeoutSeconds,
    HealthGatesView Gates,
    string OnBreach,
    string? Description)
{
    public static RolloutSpecView From(RolloutSpec spec) => new(
        spec.ImageId,
        new RolloutSelectorView(spec.Selector.Model, spec.Selector.Tags, spec.Selector.FromVersions),
        spec.WavePercents,
        (long)spec.Soak.TotalSeconds,
        (long)spec.WaveTimeout.TotalSeconds,
        new HealthGatesView(
            spec.Gates.MinSuccessRate,
            spec.Gates.MaxRollbackRate,
            spec.Gates.MaxExtraReconnectsPerDevice,
            spec.Gates.MaxExtraRebootsPerDevice,
            spec.Gates.MaxVoiceErrorRateIncrease),
        FleetNames.Of(spec.OnBreach),
        spec.Description);
}

public sealed record RolloutSelectorView(string Model, IReadOnlyList<string> Tags, IReadOnlyList<string> FromVersions);

public sealed record HealthGatesView(
    double MinSuccessRate,
    double MaxRollbackRate,
    double MaxExtraReconnectsPerDevice,
    double MaxExtraRebootsPerDevice,
    double MaxVoiceErrorRateIncrease);

internal static class FleetNames
{
    /// <summary>"rolled-back", "untrusted-key": the spelling the API uses for every enum.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
