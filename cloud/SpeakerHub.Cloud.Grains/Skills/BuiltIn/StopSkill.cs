namespace SpeakerHub.Cloud.Grains.Skills.BuiltIn;

/// <summary>
/// "Stop", "cancel", "never mind": ends whatever the dialog was in the middle of. The dialog engine
/// clears its context for these before the skill runs, so they work in any state.
/// </summary>
public sealed class StopSkill : ISkill
{
    public const string Stop = "Stop";
    public const string Speech = "Okay.";

    public string? Capability => null;

    public IReadOnlyList<IntentDefinition> Intents { get; } =
    [
        new(Stop,
        [
            "stop",
            "stop it",
            "cancel",
            "cancel that",
            "never mind",
            "nevermind",
            "forget it",
            "forget about it",
            "nothing",
        ]),
    ];

    public Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new SkillOutcome(Speech));
}
