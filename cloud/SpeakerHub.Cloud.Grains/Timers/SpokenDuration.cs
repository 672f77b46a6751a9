using System.Globalization;

namespace SpeakerHub.Cloud.Grains.Timers;

/// <summary>
/// Durations as the speaker says them: "four minutes and ten seconds", "a five minute timer". Number
/// words come from the same number slot the grammar hears, so the speaker says what it understands.
/// </summary>
public static class SpokenDuration
{
    private const int MaxWordedNumber = 100;
    private const int SecondsPerMinute = 60;
    private const int MinutesPerHour = 60;

    private static readonly Dictionary<int, string> NumberWords = SlotType.Numbers("number", MaxWordedNumber).Phrases
        .GroupBy(phrase => int.Parse(phrase.Value, CultureInfo.InvariantCulture))
        // 100 is "one hundred", "a hundred" and "hundred"; the longest is the clearest.
        .ToDictionary(group => group.Key, group => group.Select(phrase => phrase.Key).MaxBy(words => words.Length)!);

    /// <summary>A whole number in words up to 100, digits beyond.</summary>
    public static string Number(int value) =>
        NumberWords.TryGetValue(value, out var words) ? words : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"five minutes", "one hour and thirty minutes": a length of time.</summary>
    public static string Length(TimeSpan duration) => Say(duration, plural: true);

    /// <summary>"five minute", "ninety second": a length of time in front of a noun ("a five minute timer").</summary>
    public static string Adjective(TimeSpan duration) => Say(duration, plural: false);

    /// <summary>
    /// What is left, rounded up so it never undersells the wait: whole minutes once it is an hour or
    /// more, whole seconds below.
    /// </summary>
    public static string Remaining(TimeSpan left)
    {
        var seconds = (long)Math.Ceiling(Math.Max(left.TotalSeconds, 0));
        var rounded = seconds >= SecondsPerMinute * MinutesPerHour
            ? TimeSpan.FromMinutes(Math.Ceiling(seconds / (double)SecondsPerMinute))
            : TimeSpan.FromSeconds(seconds);
        return Parts(rounded, plural: true, preferSingleUnit: false);
    }

    private static string Say(TimeSpan duration, bool plural) => Parts(duration, plural, preferSingleUnit: true);

    private static string Parts(TimeSpan duration, bool plural, bool preferSingleUnit)
    {
        var totalSeconds = (long)Math.Round(duration.TotalSeconds);

        // "ninety seconds" and "forty five minutes" are how people say them, rather than "one minute and thirty seconds".
        if (preferSingleUnit && totalSeconds % SecondsPerMinute == 0 && totalSeconds / SecondsPerMinute < MinutesPerHour)
        {
            return Unit((int)(totalSeconds / SecondsPerMinute), "minute", plural);
        }

        if (preferSingleUnit && totalSeconds <= MaxWordedNumber)
        {
            return Unit((int)totalSeconds, "second", plural);
        }

        var hours = (int)(totalSeconds / (SecondsPerMinute * MinutesPerHour));
        var minutes = (int)(totalSeconds / SecondsPerMinute % MinutesPerHour);
        var seconds = (int)(totalSeconds % SecondsPerMinute);
        var parts = new List<string>();
        if (hours > 0)
        {
            parts.Add(Unit(hours, "hour", plural));
        }

        if (minutes > 0)
        {
            parts.Add(Unit(minutes, "minute", plural));
        }

        if (seconds > 0 || parts.Count == 0)
        {
            parts.Add(Unit(seconds, "second", plural));
        }

        return parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
    }

    private static string Unit(int count, string unit, bool plural) =>
        Number(count) + " " + unit + (plural && count != 1 ? "s" : string.Empty);
}
