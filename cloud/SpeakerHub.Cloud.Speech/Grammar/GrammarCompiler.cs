using System.Text;
using SpeakerHub.Cloud.Speech.Nlu;

namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// Compiles an interaction model into the JSGF grammars the decoder searches (Rhasspy's approach):
/// one alternative per sample utterance, each <c>{slot}</c> a rule listing its slot type's phrases,
/// words lowercase as <see cref="UtteranceText"/> normalizes them, so a recognized sentence is text
/// the <see cref="IntentMatcher"/> accepts. Beside the sentences stands the <see cref="GarbageLoop"/>
/// that lets out-of-grammar speech be rejected instead of forced onto the nearest sentence.
/// </summary>
public sealed class GrammarCompiler
{
    /// <summary>The matcher ignores "please"; the grammar lets it open or close a request.</summary>
    public const string PoliteWord = "please";

    private readonly IReadOnlyList<string> wakeWords;
    private readonly double rejectionPhoneWeight;

    /// <param name="wakePhrase">Words a voice-triggered request must open with ("hey speaker").</param>
    /// <param name="rejectionPhoneWeight">Weight of each garbage-loop phone: the out-of-grammar threshold.</param>
    public GrammarCompiler(string wakePhrase, double rejectionPhoneWeight)
    {
        wakeWords = UtteranceText.Words(wakePhrase);
        if (wakeWords.Count == 0)
        {
            throw new ArgumentException("The wake phrase needs at least one word.", nameof(wakePhrase));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rejectionPhoneWeight, GarbageLoop.MinimumWeight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rejectionPhoneWeight, 1.0);
        this.rejectionPhoneWeight = rejectionPhoneWeight;
    }

    /// <summary>Every word the grammars of <paramref name="model"/> can contain: what needs a pronunciation.</summary>
    public IReadOnlySet<string> Vocabulary(InteractionModel model)
    {
        var words = new SortedSet<string>(wakeWords, StringComparer.Ordinal) { PoliteWord };
        foreach (var intent in model.Intents)
        {
            foreach (var sample in intent.SampleUtterances)
            {
                words.UnionWith(SampleParser.Parse(intent, sample).Where(part => part.Slot is null).Select(part => part.Word));
            }

            foreach (var slotType in intent.Slots.Values)
            {
                words.UnionWith(slotType.Phrases.Keys.SelectMany(phrase => phrase.Split(' ')));
            }
        }

        return words;
    }

    /// <summary>
    /// Reads the pronunciations of the model's words from <paramref name="dictionaryPath"/> and compiles.
    /// Synchronous on purpose: it runs when a model changes, on the path that leases decoders, whose
    /// native model loading reads files synchronously as well.
    /// </summary>
    public CompiledGrammar Compile(InteractionModel model, string dictionaryPath) =>
        Compile(model, PronunciationLexicon.Load(dictionaryPath, Vocabulary(model)));

    public CompiledGrammar Compile(InteractionModel model, PronunciationLexicon lexicon)
    {
        var speakable = new HashSet<string>(lexicon.Words, StringComparer.Ordinal);
        if (!wakeWords.All(speakable.Contains))
        {
            throw new InvalidOperationException($"The wake phrase '{string.Join(' ', wakeWords)}' cannot be pronounced.");
        }

        var sentences = new SentenceRules(speakable);
        var intentRules = model.Intents.Select(sentences.Intent).OfType<string>().ToList();

        var rules = new StringBuilder();
        rules.Append("<wake> = ").AppendJoin(' ', wakeWords).Append(";\n");
        if (intentRules.Count > 0)
        {
            var polite = speakable.Contains(PoliteWord);
            rules.Append("<request> = <sentence> | <").Append(GarbageLoop.RuleName).Append(">;\n")
                .Append("<sentence> = ").Append(polite ? $"[{PoliteWord}] " : string.Empty)
                .Append("<intents>").Append(polite ? $" [{PoliteWord}]" : string.Empty).Append(";\n")
                .Append("<intents> = ").AppendJoin(" | ", intentRules.Select(name => $"<{name}>")).Append(";\n");
        }
        else
        {
            rules.Append("<request> = <").Append(GarbageLoop.RuleName).Append(">;\n");
        }

        rules.Append(sentences.Text).Append(GarbageLoop.Rules(rejectionPhoneWeight));

        var dictionary = lexicon.Words
            .SelectMany(word => lexicon.Pronounce(word).Select((phones, index) =>
                KeyValuePair.Create(index == 0 ? word : $"{word}({index + 1})", phones)))
            .Concat(GarbageLoop.Pronunciations)
            .ToList();

        return new CompiledGrammar(
            model.Version,
            Document("command", "<wake> [<request>] | <request>", rules),
            Document("wake", $"<wake> [<request>] | <{GarbageLoop.RuleName}>", rules),
            wakeWords,
            dictionary,
            Vocabulary(model).Where(word => !speakable.Contains(word)).ToList());
    }

    private static string Document(string name, string top, StringBuilder rules) =>
        $"#JSGF V1.0;\ngrammar {name};\npublic <utterance> = {top};\n{rules}";
}
