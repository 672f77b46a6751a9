using System.Globalization;

namespace SpeakerHub.Cloud.Grains.Timers;

/// <summary>
/// How people say how long: "five minutes", "an hour", "ninety seconds", "half an hour", and in front
/// of "timer" the singular ("a ten minute timer"). Each unit is a slot whose phrase is the number with
/// its unit, so samples combine them ("{hours} and {minutes}") instead of listing every total.
/// </summary>
public static class TimerDurations
{
    public const string Hours = "hours";
    public const string Minutes = "minutes";
    public const string Seconds = "seconds";

    /// <summary>The ways a duration is said, for samples: <c>{duration}</c> in a template becomes each.</summary>
    public static IReadOnlyList<string> Forms { get; } =
    [
        "{" + Minutes + "}",
        "{" + Hours + "}",
        "{" + Seconds + "}",
        "{" + Hours + "} and {" + Minutes + "}",
        "{" + Minutes + "} and {" + Seconds + "}",
    ];

    public const string Placeholder = "{duration}";

    private const int MaxHours = 24;
    private const int MaxCount = 100;
    private const int MaxHalves = 5;
    private const int SecondsPerMinute = 60;
    private const int HalfMinute = 30;
    private const int QuarterHour = 15;

    public static SlotType HoursType { get; } = Unit(Hours, "hour", MaxHours, [new("1", "an hour", "one hour")]);

    public static SlotType MinutesType { get; } = Unit(Minutes, "minute", MaxCount,
    [
        new("1", "a minute", "one minute"),
        new(Count(HalfMinute), "half an hour", "a half hour", "half hour"),
        new(Count(QuarterHour), "a quarter of an hour", "a quarter hour", "quarter of an hour"),
        new(Count(SecondsPerMinute + HalfMinute), "an hour and a half", "one and a half hours"),
        .. Halves("hours", SecondsPerMinute),
    ]);

    public static SlotType SecondsType { get; } = Unit(Seconds, "second", MaxCount,
    [
        new("1", "a second", "one second"),
        new(Count(HalfMinute), "half a minute"),
        new(Count(SecondsPerMinute + HalfMinute), "a minute and a half", "one and a half minutes"),
        .. Halves("minutes", SecondsPerMinute),
    ]);

    /// <summary>The three unit slots, for an intent whose samples use any of them.</summary>
    public static IReadOnlyDictionary<string, SlotType> Slots { get; } = new Dictionary<string, SlotType>
    {
        [Hours] = HoursType,
        [Minutes] = MinutesType,
        [Seconds] = SecondsType,
    };

    /// <summary>Every template with <see cref="Placeholder"/> expanded into each of <see cref="Forms"/>.</summary>
    public static IEnumerable<string> Expand(params string[] templates) =>
        templates.SelectMany(template => template.Contains(Placeholder, StringComparison.Ordinal)
            ? Forms.Select(form => template.Replace(Placeholder, form, StringComparison.Ordinal))
            : [template]);

    /// <summary>The total the slots of a match say, or null when they name no duration.</summary>
    public static TimeSpan? Read(IReadOnlyDictionary<string, string> slots)
    {
        var hours = Value(slots, Hours);
        var minutes = Value(slots, Minutes);
        var seconds = Value(slots, Seconds);
        return hours is null && minutes is null && seconds is null
            ? null
            : TimeSpan.FromHours(hours ?? 0) + TimeSpan.FromMinutes(minutes ?? 0) + TimeSpan.FromSeconds(seconds ?? 0);
    }

    private static int? Value(IReadOnlyDictionary<string, string> slots, string name) =>
        slots.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>"five minutes" and "five minute" (before "timer") for 2..max; the extras say 1 and the halves.</summary>
    private static SlotType Unit(string name, string unit, int max, IEnumerable<SlotValue> extras)
    {
        var values = new List<SlotValue>(extras);
        foreach (var (phrase, canonical) in SlotType.Numbers(name, max).Phrases)
        {
            if (int.Parse(canonical, CultureInfo.InvariantCulture) >= 2)
            {
                values.Add(new SlotValue(canonical, phrase + " " + unit + "s", phrase + " " + unit));
            }
        }

        return new SlotType(name, values);
    }

    /// <summary>"two and a half hours" (in minutes), up to five and a half; one and a half is listed with its synonyms.</summary>
    private static IEnumerable<SlotValue> Halves(string unit, int smallerPerUnit)
    {
        for (var whole = 2; whole <= MaxHalves; whole++)
        {
            yield return new SlotValue(
                Count((whole * smallerPerUnit) + (smallerPerUnit / 2)), SpokenDuration.Number(whole) + " and a half " + unit);
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
