using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Dialog;

/// <summary>
/// The answers to "are you sure?". Only the dialog engine gives them meaning; said out of the blue
/// they are not understood, so a stray "yes" never does anything.
/// </summary>
public sealed class YesNoSkill : ISkill
{
    public const string Yes = "Yes";
    public const string No = "No";

    public string? Capability => null;

    public IReadOnlyList<IntentDefinition> Intents { get; } =
    [
        new(Yes,
        [
            "yes",
            "yes please",
            "yes do it",
            "yeah",
            "yep",
            "sure",
            "do it",
            "go ahead",
            "okay",
            "correct",
        ], AnswerOnly: true),
        new(No,
        [
            "no",
            "no thanks",
            "no thank you",
            "nope",
            "not now",
        ], AnswerOnly: true),
    ];

    public Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken) =>
        Task.FromResult(SkillOutcome.NotUnderstood);
}
