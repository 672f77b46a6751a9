using System.Globalization;

namespace SpeakerHub.Cloud.Grains.Skills.BuiltIn;

/// <summary>Tells the time, in the silo's local time zone until devices carry their own.</summary>
public sealed class ClockSkill(TimeProvider time) : ISkill
{
    public const string GetTime = "GetTime";

    public IReadOnlyList<IntentDefinition> Intents { get; } =
    [
        new(GetTime,
        [
            "what time is it",
            "what's the time",
            "what is the time",
            "tell me the time",
            "what time is it now",
            "do you know what time it is",
        ]),
    ];

    public SkillOutcome Handle(IntentMatch match, SkillContext context)
    {
        var now = time.GetLocalNow();
        return new SkillOutcome($"It's {now.ToString("h:mm tt", CultureInfo.InvariantCulture)}.");
    }
}
