using System.Text.Json;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.History;

namespace SpeakerHub.Cloud.Api.Owner;

// Response bodies of /api/owner: what a household sees of its speakers, mapped from grain contracts.

/// <summary>A device as its owner sees it; <see cref="SettingsApplied"/> is false until the device confirms the latest settings.</summary>
public sealed record OwnerDeviceView(
    string Id, string Model, bool Online, DateTimeOffset? LastSeen, string? FirmwareVersion, DeviceSettingsView Settings, bool SettingsApplied)
{
    public static OwnerDeviceView From(DeviceSnapshot snapshot) => new(
        snapshot.DeviceId,
        snapshot.Model,
        snapshot.Online,
        snapshot.LastSeen,
        snapshot.FirmwareVersion,
        new DeviceSettingsView(snapshot.Desired.Volume, snapshot.Desired.Muted, snapshot.Desired.WakeSensitivity),
        snapshot.Reported.Version >= snapshot.Desired.Version);
}

public sealed record DeviceSettingsView(int Volume, bool Muted, int WakeSensitivity);

/// <summary>Newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page, null on the last.</summary>
public sealed record HistoryPageView(IReadOnlyList<InteractionView> Interactions, long? NextBefore)
{
    public static HistoryPageView From(HistoryPage page) => new(page.Entries.Select(InteractionView.From).ToArray(), page.NextBefore);
}

public sealed record InteractionView(
    long Sequence,
    uint InteractionId,
    DateTimeOffset At,
    string Source,
    string Trigger,
    string? Transcript,
    string Intent,
    IReadOnlyDictionary<string, string> Slots,
    string Reply,
    string Outcome,
    InteractionTimingsView Timings,
    bool HasAudio)
{
    public static InteractionView From(HistoryEntry entry)
    {
        var record = entry.Record;
        return new InteractionView(
            entry.Sequence,
            record.InteractionId,
            record.At,
            Name(record.Source),
            Name(record.Trigger),
            record.Transcript,
            record.Intent,
            record.Slots,
            record.Reply,
            Name(record.Outcome),
            new InteractionTimingsView(
                record.AudioMs, record.RecognitionMs, record.UnderstandingMs, record.SkillMs, record.FirstAudioMs, record.TotalMs),
            entry.HasAudio);
    }

    /// <summary>"follow-up", "not-for-us": the spelling the protocol documents use.</summary>
    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>Milliseconds per step; null where the step did not happen (typed text has no audio).</summary>
public sealed record InteractionTimingsView(
    double? AudioMs, double? RecognitionMs, double? UnderstandingMs, double? SkillMs, double? FirstAudioMs, double? TotalMs);

public sealed record PrivacyView(bool KeepAudio);

/// <summary>One running timer: what it was set for and how long it still has to run, in seconds.</summary>
public sealed record TimerView(int Id, string? Name, double DurationSeconds, DateTimeOffset DueAt, double RemainingSeconds);
