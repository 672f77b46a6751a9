using System.Globalization;

namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// The out-of-grammar branch: any sequence of phones, each a one-phone pseudo-word, competing with the
/// real sentences in the same search. A grammar alone forces every sound onto its closest sentence;
/// with this loop beside them, speech that fits no sentence is cheaper to explain as phones, and a
/// hypothesis containing a <see cref="IsGarbage">garbage word</see> means "not something we understand".
/// Each phone costs its weight, so the weight is the rejection threshold: a likelihood ratio of
/// sentence against free phone sequence, decided by the Viterbi search itself at no extra pass.
/// </summary>
public static class GarbageLoop
{
    /// <summary>Rule name of the loop in the compiled grammar.</summary>
    public const string RuleName = "garbage";

    /// <summary>Smallest weight the grammar text can carry (JSGF weights are written as plain decimals).</summary>
    public const double MinimumWeight = 1e-50;

    // Underscore never survives UtteranceText normalization, so no real word can look like this.
    private const string WordPrefix = "phone_";

    // sphinxbase reads weights as plain decimals only ("1e-20" fails to parse): 52 places cover MinimumWeight.
    private const string WeightFormat = "0.0###################################################";

    /// <summary>The context-independent phones of the CMU set the en-us acoustic model is trained on (no SIL).</summary>
    public static IReadOnlyList<string> Phones { get; } =
    [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH",
        "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ];

    /// <summary>The pseudo-words and their one-phone pronunciations, to add to a decoder's dictionary.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pronunciations =>
        Phones.Select(phone => KeyValuePair.Create(WordPrefix + phone.ToLowerInvariant(), phone));

    public static bool IsGarbage(string word) => word.StartsWith(WordPrefix, StringComparison.Ordinal);

    /// <summary>JSGF rules of the loop: one or more phones, each weighted by <paramref name="phoneWeight"/>.</summary>
    public static string Rules(double phoneWeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(phoneWeight, MinimumWeight);
        var weight = phoneWeight.ToString(WeightFormat, CultureInfo.InvariantCulture);
        var alternatives = Pronunciations.Select(entry => $"/{weight}/ {entry.Key}");
        return $"<{RuleName}> = <{RuleName}_phone>+;\n<{RuleName}_phone> = {string.Join(" | ", alternatives)};\n";
    }
}
