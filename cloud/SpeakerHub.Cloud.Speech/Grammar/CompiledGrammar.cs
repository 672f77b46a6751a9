namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// The speech grammars of one interaction model version, ready for a decoder: two JSGF searches and
/// every word they use with its pronunciations (alternates spelled "word(2)", as pocketsphinx wants).
/// </summary>
/// <param name="Version">The interaction model version compiled.</param>
/// <param name="CommandJsgf">For button-triggered audio: an optional wake phrase, then a request.</param>
/// <param name="WakeJsgf">For voice-triggered audio: the wake phrase first, or nothing for us at all.</param>
/// <param name="WakeWords">The wake phrase as recognized words, removed from transcripts.</param>
/// <param name="Dictionary">Word (or alternate) → CMU phones, for every word of both grammars.</param>
/// <param name="Unpronounceable">Words nothing could pronounce; their samples and slot phrases were left out.</param>
public sealed record CompiledGrammar(
    long Version,
    string CommandJsgf,
    string WakeJsgf,
    IReadOnlyList<string> WakeWords,
    IReadOnlyList<KeyValuePair<string, string>> Dictionary,
    IReadOnlyCollection<string> Unpronounceable)
{
    /// <summary>Search name of <see cref="CommandJsgf"/> in a decoder.</summary>
    public const string CommandSearch = "command";

    /// <summary>Search name of <see cref="WakeJsgf"/> in a decoder.</summary>
    public const string WakeSearch = "wake";
}
