namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// The speech grammars of one interaction model version, ready for a decoder: two finite-state
/// searches (sphinxbase FSG text) and every word they use with its pronunciations (alternates spelled
/// "word(2)", as pocketsphinx wants).
/// </summary>
/// <param name="Version">The interaction model version compiled.</param>
/// <param name="CommandFsg">For button-triggered audio: an optional wake phrase, then a request.</param>
/// <param name="WakeFsg">For voice-triggered audio: the wake phrase first, or nothing for us at all.</param>
/// <param name="AnswerFsg">While a question is open: <paramref name="CommandFsg"/> plus the answer-only intents.</param>
/// <param name="WakeWords">The wake phrase as recognized words, removed from transcripts.</param>
/// <param name="Dictionary">Word (or alternate) → CMU phones, for every word of both grammars.</param>
/// <param name="Unpronounceable">Words nothing could pronounce; their samples and slot phrases were left out.</param>
public sealed record CompiledGrammar(
    long Version,
    string CommandFsg,
    string WakeFsg,
    string AnswerFsg,
    IReadOnlyList<string> WakeWords,
    IReadOnlyList<KeyValuePair<string, string>> Dictionary,
    IReadOnlyCollection<string> Unpronounceable)
{
    /// <summary>Search name of <see cref="CommandFsg"/> in a decoder.</summary>
    public const string CommandSearch = "command";

    /// <summary>Search name of <see cref="WakeFsg"/> in a decoder.</summary>
    public const string WakeSearch = "wake";

    /// <summary>Search name of <see cref="AnswerFsg"/> in a decoder.</summary>
    public const string AnswerSearch = "answer";
}
