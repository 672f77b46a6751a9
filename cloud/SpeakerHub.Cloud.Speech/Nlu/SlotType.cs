using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>
/// The phrases a slot may be filled with and the canonical value each stands for ("living room" and
/// "lounge" → "living-room"). Phrases are one or more normalized words (see <see cref="UtteranceText"/>):
/// the speech grammar is compiled from them and ASR only ever emits words from it.
/// </summary>
public sealed class SlotType
{
    // Three digits are plenty for anything a person types as a number here ("volume 7", "40 percent").
    private const int MaxDigits = 3;

    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public SlotType(string name, IEnumerable<SlotValue> values, bool acceptsDigits = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            foreach (var phrase in value.Phrases)
            {
                var words = UtteranceText.Words(phrase);
                if (words.Count == 0)
                {
                    throw new ArgumentException($"Slot type '{name}' has an empty phrase for '{value.Canonical}'.", nameof(values));
                }

                var key = string.Join(' ', words);
                if (phrases.TryGetValue(key, out var other) && other != value.Canonical)
                {
                    throw new ArgumentException(
                        $"Slot type '{name}': '{key}' stands for both '{other}' and '{value.Canonical}'.", nameof(values));
                }

                phrases[key] = value.Canonical;
            }
        }

        Name = name;
        Phrases = phrases.ToFrozenDictionary(StringComparer.Ordinal);
        MaxPhraseWords = phrases.Keys.Select(key => key.Count(c => c == ' ') + 1).DefaultIfEmpty(0).Max();
        AcceptsDigits = acceptsDigits;
    }

    /// <summary>
    /// Whole numbers zero to <paramref name="max"/> (at most 100) as people say them ("forty five",
    /// "a hundred"), or typed digits; the value is the digits.
    /// </summary>
    public static SlotType Numbers(string name, int max)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 100);
        var values = new List<SlotValue>();
        for (var n = 0; n <= max; n++)
        {
            var canonical = n.ToString(CultureInfo.InvariantCulture);
            values.Add(n switch
            {
                < 20 => new SlotValue(canonical, Units[n]),
                100 => new SlotValue(canonical, "one hundred", "a hundred", "hundred"),
                _ when n % 10 == 0 => new SlotValue(canonical, Tens[(n / 10) - 2]),
                _ => new SlotValue(canonical, Tens[(n / 10) - 2] + " " + Units[n % 10]),
            });
        }

        return new SlotType(name, values, acceptsDigits: true);
    }

    /// <summary>Whole numbers zero to twenty: enough for the 0..10 volume and small counts.</summary>
    public static SlotType Number { get; } = Numbers("number", 20);

    public string Name { get; }

    /// <summary>Normalized phrase (words joined by one space) → canonical value; what a grammar compiler enumerates.</summary>
    public IReadOnlyDictionary<string, string> Phrases { get; }

    /// <summary>The longest phrase, in words; bounds how far the matcher looks ahead.</summary>
    public int MaxPhraseWords { get; }

    /// <summary>Typed text may say "7" where speech says "seven".</summary>
    public bool AcceptsDigits { get; }

    /// <summary>Resolves <paramref name="count"/> normalized words from <paramref name="start"/> to a canonical value.</summary>
    public bool TryResolve(IReadOnlyList<string> words, int start, int count, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (count < 1 || start + count > words.Count)
        {
            return false;
        }

        if (count == 1)
        {
            var word = words[start];
            if (AcceptsDigits && word.Length <= MaxDigits && word.All(char.IsAsciiDigit))
            {
                value = int.Parse(word, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                return true;
            }

            return Phrases.TryGetValue(word, out value);
        }

        return count <= MaxPhraseWords
            && Phrases.TryGetValue(string.Join(' ', Enumerable.Range(start, count).Select(i => words[i])), out value);
    }
}

/// <summary>One canonical slot value and the phrases (synonyms) that say it; with none, the canonical value is said.</summary>
public sealed record SlotValue(string Canonical, params string[] Synonyms)
{
    public IEnumerable<string> Phrases => Synonyms.Length == 0 ? [Canonical] : Synonyms;
}
