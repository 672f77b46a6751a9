using SpeakerHub.Cloud.Abstractions.Devices;

namespace SpeakerHub.Cloud.Grains.Skills.BuiltIn;

/// <summary>Mutes and unmutes the speaker; the volume setting is kept for when it comes back.</summary>
public sealed class MuteSkill : ISkill
{
    public const string Mute = "Mute";
    public const string Unmute = "Unmute";

    public string? Capability => "mute and unmute";

    public IReadOnlyList<IntentDefinition> Intents { get; } =
    [
        new(Mute,
        [
            "mute",
            "mute yourself",
            "mute the speaker",
            "be quiet",
        ]),
        new(Unmute,
        [
            "unmute",
            "unmute yourself",
            "unmute the speaker",
            "sound on",
        ]),
    ];

    public Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken)
    {
        var mute = match.Intent == Mute;
        return Task.FromResult(context.Desired.Muted == mute
            ? new SkillOutcome(mute ? "I'm already muted." : "I'm not muted.")
            : new SkillOutcome(mute ? "Muted." : "Unmuted.", new TwinChange(Muted: mute)));
    }
}
