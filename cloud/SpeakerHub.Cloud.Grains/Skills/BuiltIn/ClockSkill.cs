using System.Globalization;

namespace SpeakerHub.Cloud.Grains.Skills.BuiltIn;

/// <summary>Tells the time, date and weekday, in the silo's local time zone until devices carry their own.</summary>
public sealed class ClockSkill(TimeProvider time) : ISkill
{
    public const string GetTime = "GetTime";
    public const string GetDate = "GetDate";
    public const string GetDay = "GetDay";

    public string? Capability => "tell the time and date";

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
        new(GetDate,
        [
            "what's the date",
            "what is the date",
            "what's the date today",
            "what's today's date",
            "what is today's date",
            "what date is it",
            "what date is it today",
            "tell me the date",
        ]),
        new(GetDay,
        [
            "what day is it",
            "what day is it today",
            "what day is today",
            "what day of the week is it",
            "which day is it today",
        ]),
    ];

    public Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken)
    {
        var now = time.GetLocalNow();
        var speech = match.Intent switch
        {
            GetDate => $"It's {now.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)}.",
            GetDay => $"It's {now.ToString("dddd", CultureInfo.InvariantCulture)}.",
            _ => $"It's {now.ToString("h:mm tt", CultureInfo.InvariantCulture)}.",
        };
        return Task.FromResult(new SkillOutcome(speech));
    }
}
