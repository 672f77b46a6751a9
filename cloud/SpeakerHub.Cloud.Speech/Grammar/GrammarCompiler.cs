using SpeakerHub.Cloud.Speech.Nlu;

namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// Compiles an interaction model into the finite-state grammars the decoder searches (Rhasspy's
/// approach): every sample utterance, each <c>{slot}</c> standing for its slot type's phrases, words
/// lowercase as <see cref="UtteranceText"/> normalizes them, so a recognized sentence is text the
/// <see cref="IntentMatcher"/> accepts. Beside the sentences stands the <see cref="GarbageLoop"/> that
/// lets out-of-grammar speech be rejected instead of forced onto the nearest sentence.
/// </summary>
/// <remarks>
/// The graph is built here rather than through JSGF, whose compiler copies a rule at every reference:
/// the timer sentences alone, with their hundred-number duration slots, came to over 60,000 word arcs
/// and decoded slower than real time. Here the sentences and each slot's phrases are minimal automata
/// (shared openings and endings), and the whole command grammar is a few thousand arcs.
/// </remarks>
public sealed class GrammarCompiler
{
    /// <summary>The matcher ignores "please"; the grammar lets it open or close a request.</summary>
    public const string PoliteWord = "please";

    // Slot references inside the sentence graph; a control character never appears in a word.
    private const string SlotMark = "\u0001";

    private readonly IReadOnlyList<string> wakeWords;
    private readonly double rejectionPhoneWeight;

    /// <param name="wakePhrase">Words a voice-triggered request must open with ("hey speaker").</param>
    /// <param name="rejectionPhoneWeight">Probability of each garbage-loop phone: the out-of-grammar threshold.</param>
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

        var slots = new List<IReadOnlyList<GraphNode>>();
        var slotTokens = new Dictionary<SlotType, string?>(ReferenceEqualityComparer.Instance);
        var commands = new WordGraph();
        var answers = new WordGraph();
        foreach (var intent in model.Intents)
        {
            foreach (var sample in intent.SampleUtterances)
            {
                var tokens = new List<string>();
                foreach (var part in SampleParser.Parse(intent, sample))
                {
                    var token = part.Slot is null
                        ? (speakable.Contains(part.Word) ? part.Word : null)
                        : SlotToken(part.Slot, speakable, slots, slotTokens);
                    if (token is null)
                    {
                        tokens.Clear();
                        break;
                    }

                    tokens.Add(token);
                }

                if (tokens.Count > 0)
                {
                    answers.Add(tokens);
                    if (!intent.AnswerOnly)
                    {
                        commands.Add(tokens);
                    }
                }
            }
        }

        var commandGraph = commands.IsEmpty ? [] : commands.Minimize();
        var answerGraph = answers.IsEmpty ? [] : answers.Minimize();
        var polite = speakable.Contains(PoliteWord);
        var dictionary = lexicon.Words
            .SelectMany(word => lexicon.Pronounce(word).Select((phones, index) =>
                KeyValuePair.Create(index == 0 ? word : $"{word}({index + 1})", phones)))
            .Concat(GarbageLoop.Pronunciations)
            .ToList();

        return new CompiledGrammar(
            model.Version,
            Search(CompiledGrammar.CommandSearch, commandGraph, slots, polite, wakeRequired: false),
            Search(CompiledGrammar.WakeSearch, commandGraph, slots, polite, wakeRequired: true),
            Search(CompiledGrammar.AnswerSearch, answerGraph, slots, polite, wakeRequired: false),
            wakeWords,
            dictionary,
            Vocabulary(model).Where(word => !speakable.Contains(word)).ToList());
    }

    /// <summary>The token for a slot type in the sentence graph, its phrases' graph made on first use; null if none can be said.</summary>
    private static string? SlotToken(
        SlotType slotType, HashSet<string> speakable, List<IReadOnlyList<GraphNode>> slots, Dictionary<SlotType, string?> tokens)
    {
        if (tokens.TryGetValue(slotType, out var known))
        {
            return known;
        }

        var phrases = new WordGraph();
        foreach (var phrase in slotType.Phrases.Keys)
        {
            var words = phrase.Split(' ');
            if (words.All(speakable.Contains))
            {
                phrases.Add(words);
            }
        }

        string? token = null;
        if (!phrases.IsEmpty)
        {
            token = SlotMark + slots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            slots.Add(phrases.Minimize());
        }

        tokens[slotType] = token;
        return token;
    }

    /// <summary>
    /// One search: for buttons, an optional wake phrase then a request, or the wake phrase alone; for
    /// voice, the wake phrase first (then an optional request), or garbage. A request is an optional
    /// "please", a sentence, an optional "please" — or garbage.
    /// </summary>
    private string Search(string name, IReadOnlyList<GraphNode> sentences, List<IReadOnlyList<GraphNode>> slots, bool polite, bool wakeRequired)
    {
        var fsg = new FsgBuilder();
        var start = fsg.NewState();
        var final = fsg.NewState();

        var wakeEnd = start;
        foreach (var word in wakeWords)
        {
            var next = fsg.NewState();
            fsg.Word(wakeEnd, next, word);
            wakeEnd = next;
        }

        var request = fsg.NewState();
        var requestEnd = fsg.NewState();
        fsg.Empty(wakeEnd, request);
        fsg.Empty(wakeEnd, final);
        fsg.Empty(requestEnd, final);
        fsg.Empty(start, wakeRequired ? GarbageLoop.Lay(fsg, final, rejectionPhoneWeight) : request);

        // Garbage may take over after any word of a sentence: out-of-grammar speech often opens like a
        // sentence ("what is the weather"), and then only has to beat that sentence's ending.
        var garbage = GarbageLoop.Lay(fsg, requestEnd, rejectionPhoneWeight);
        fsg.Empty(request, garbage);
        if (sentences.Count > 0)
        {
            var opened = fsg.NewState();
            var said = fsg.NewState();
            fsg.Empty(request, opened);
            fsg.Empty(said, requestEnd);
            if (polite)
            {
                fsg.Word(request, opened, PoliteWord);
                fsg.Word(said, requestEnd, PoliteWord);
            }

            fsg.Graph(sentences, opened, said, (token, from, to) =>
            {
                if (token.StartsWith(SlotMark, StringComparison.Ordinal))
                {
                    var slot = slots[int.Parse(token.AsSpan(SlotMark.Length), System.Globalization.CultureInfo.InvariantCulture)];
                    fsg.Graph(slot, from, to, (word, wordFrom, wordTo) => fsg.Word(wordFrom, wordTo, word), garbage);
                }
                else
                {
                    fsg.Word(from, to, token);
                }
            }, garbage);
        }

        return fsg.Write(name, start, final);
    }
}
