using SpeakerHub.Cloud.Abstractions.Devices;

namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// What a skill decided: what to say, an optional change to the device's desired twin (the device
/// grain applies it, so a voice command and the API take the same path), whether to listen again, and
/// what the next sentence may continue (<see cref="Continuation"/>).
/// </summary>
public sealed record SkillOutcome(string Speech, TwinChange? TwinChange = null, bool ExpectsFollowUp = false)
{
    /// <summary>What the dialog keeps open after this answer; null ends the dialog.</summary>
    public DialogContinuation? Continuation { get; init; }

    /// <summary>False when the sentence only makes sense as an answer and nothing asked a question.</summary>
    public bool Understood { get; init; } = true;

    /// <summary>"Sorry, I didn't get that": the dialog reports the sentence as not understood.</summary>
    public static SkillOutcome NotUnderstood { get; } = new(IntentRouter.FallbackSpeech) { Understood = false };

    /// <summary>Asks for a missing slot; a sentence of <paramref name="answerIntent"/> fills it.</summary>
    public static SkillOutcome Ask(string question, string answerIntent) =>
        new(question, ExpectsFollowUp: true) { Continuation = new(ContinuationKind.SlotAnswer, answerIntent) };

    /// <summary>Asks yes or no; "yes" runs the same intent again with <see cref="SkillContext.Confirmed"/>.</summary>
    public static SkillOutcome Confirm(string question) =>
        new(question, ExpectsFollowUp: true) { Continuation = new(ContinuationKind.Confirmation, null) };

    /// <summary>
    /// Done, but for a short while a sentence of <paramref name="followUpIntent"/> ("and the bedroom
    /// light") repeats this request with the slots it names.
    /// </summary>
    public SkillOutcome AllowingFollowUp(string followUpIntent) =>
        this with { Continuation = new(ContinuationKind.FollowUp, followUpIntent) };
}

/// <summary>How the next sentence may continue the last one.</summary>
public enum ContinuationKind
{
    /// <summary>The skill asked for a slot value.</summary>
    SlotAnswer,

    /// <summary>The skill asked "are you sure?".</summary>
    Confirmation,

    /// <summary>The request was done; the same request may follow for something else.</summary>
    FollowUp,
}

/// <summary>An open question or follow-up: its kind and the intent whose sentences continue it.</summary>
public sealed record DialogContinuation(ContinuationKind Kind, string? Intent);

/// <summary>What a skill may know about the device it answers for and the household it belongs to.</summary>
/// <param name="OwnerId">The owner account the device belongs to; null for a device without one.</param>
/// <param name="Grains">For skills whose state lives in grains (timers, the home).</param>
public sealed record SkillContext(string DeviceId, TwinProperties Desired, string? OwnerId, IGrainFactory Grains)
{
    /// <summary>True when the user just said "yes" to this skill's question.</summary>
    public bool Confirmed { get; init; }
}
