namespace SpeakerHub.Cloud.Abstractions.History;

/// <summary>How the request reached the cloud.</summary>
public enum InteractionSource
{
    Voice,
    Text,
    Announcement,
}

/// <summary>What opened the interaction.</summary>
public enum InteractionTrigger
{
    None,
    Button,
    Wake,
    FollowUp,
    Typed,
}

public enum InteractionOutcome
{
    Answered,
    NotUnderstood,

    /// <summary>Speech that was not addressed to the speaker (out-of-grammar, background talk).</summary>
    NotForUs,
    Failed,
}

/// <summary>
/// One interaction as the owner's history shows it. Timings are milliseconds and null where the step
/// did not happen (typed text has no audio and no recognition). <see cref="RecognitionMs"/> counts
/// from the last audio frame to the final transcript; <see cref="FirstAudioMs"/> until the first reply
/// audio chunk was ready.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.InteractionRecord")]
public sealed record InteractionRecord(
    [property: Id(0)] uint InteractionId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] InteractionSource Source,
    [property: Id(3)] InteractionTrigger Trigger,
    [property: Id(4)] string? Transcript,
    [property: Id(5)] string Intent,
    [property: Id(6)] IReadOnlyDictionary<string, string> Slots,
    [property: Id(7)] string Reply,
    [property: Id(8)] InteractionOutcome Outcome,
    [property: Id(9)] double? AudioMs = null,
    [property: Id(10)] double? RecognitionMs = null,
    [property: Id(11)] double? UnderstandingMs = null,
    [property: Id(12)] double? SkillMs = null,
    [property: Id(13)] double? FirstAudioMs = null,
    [property: Id(14)] double? TotalMs = null);
