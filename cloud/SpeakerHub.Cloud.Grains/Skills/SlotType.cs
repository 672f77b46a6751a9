using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// The words a slot may be filled with and the canonical value each one stands for. Spoken values
/// are single words: the speech grammar is compiled from them, and ASR only ever emits words.
/// </summary>
public sealed class SlotType
{
    // Three digits are plenty for anything a person types as a number here ("volume 7").
    private const int MaxDigits = 3;

    public SlotType(string name, IReadOnlyDictionary<string, string> spokenValues, bool acceptsDigits = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        SpokenValues = spokenValues.ToFrozenDictionary(StringComparer.Ordinal);
        AcceptsDigits = acceptsDigits;
    }

    /// <summary>Whole numbers zero to twenty, as words or typed digits; the value is the digits.</summary>
    public static SlotType Number { get; } = new(
        "number",
        new[]
        {
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty",
        }.Select((word, value) => (word, value)).ToDictionary(
            pair => pair.word, pair => pair.value.ToString(CultureInfo.InvariantCulture)),
        acceptsDigits: true);

    public string Name { get; }

    /// <summary>Spoken word → canonical value; what a grammar compiler enumerates.</summary>
    public IReadOnlyDictionary<string, string> SpokenValues { get; }

    /// <summary>Typed text may say "7" where speech says "seven".</summary>
    public bool AcceptsDigits { get; }

    /// <summary>Resolves one normalized word (see <see cref="UtteranceText"/>) to its canonical value.</summary>
    public bool TryResolve(string word, [NotNullWhen(true)] out string? value)
    {
        if (SpokenValues.TryGetValue(word, out value))
        {
            return true;
        }

        if (AcceptsDigits && word.Length <= MaxDigits && word.All(char.IsAsciiDigit))
        {
            value = int.Parse(word, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        value = null;
        return false;
    }
}
