namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// The out-of-grammar branch: any sequence of phones, each a one-phone pseudo-word, competing with the
/// real sentences in the same search. A grammar alone forces every sound onto its closest sentence;
/// with this loop beside them, speech that fits no sentence is cheaper to explain as phones, and a
/// hypothesis containing a <see cref="IsGarbage">garbage word</see> means "not something we understand".
/// Each phone costs its probability, so that probability is the rejection threshold: a likelihood
/// ratio of sentence against free phone sequence, decided by the Viterbi search itself at no extra pass.
/// </summary>
public static class GarbageLoop
{
    /// <summary>Smallest phone probability accepted (far below any useful threshold).</summary>
    public const double MinimumWeight = 1e-100;

    // Underscore never survives UtteranceText normalization, so no real word can look like this.
    private const string WordPrefix = "phone_";

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

    /// <summary>
    /// Lays one or more phones, each of probability <paramref name="phoneWeight"/>, ending in
    /// <paramref name="to"/>; returns the state to enter the loop from.
    /// </summary>
    internal static int Lay(FsgBuilder fsg, int to, double phoneWeight)
    {
        var entry = fsg.NewState();
        var loop = fsg.NewState();
        foreach (var (word, _) in Pronunciations)
        {
            fsg.Word(entry, loop, word, phoneWeight);
            fsg.Word(loop, loop, word, phoneWeight);
        }

        fsg.Empty(loop, to);
        return entry;
    }
}
