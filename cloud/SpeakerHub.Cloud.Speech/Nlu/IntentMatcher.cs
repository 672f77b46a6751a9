using System.Collections.Frozen;

namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>
/// Matches text against every sample utterance word by word: literal words must be equal after
/// <see cref="UtteranceText"/> normalization, a <c>{slot}</c> must be covered by one of its slot
/// type's phrases (which may be several words). Exact sentence matching is deliberate: it is the
/// language the speech grammar accepts too, so typed text behaves like speech, and anything else is
/// "None" instead of a guess.
/// </summary>
public sealed class IntentMatcher
{
    // Politeness changes nothing about what a sentence asks for.
    private static readonly FrozenSet<string> FillerWords = FrozenSet.Create(StringComparer.Ordinal, "please");

    private readonly IReadOnlyList<CompiledSample> samples;

    public IntentMatcher(IEnumerable<IntentDefinition> intents)
    {
        var compiled = new List<CompiledSample>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var intent in intents)
        {
            foreach (var sample in intent.SampleUtterances)
            {
                var parts = SampleParser.Parse(intent, sample);
                var shape = string.Join(' ', parts.Select(part => part.Slot is null ? part.Word : "{" + part.Slot.Name + "}"));
                if (!seen.TryAdd(shape, intent.Name))
                {
                    throw new InvalidOperationException(
                        $"Sample '{sample}' of intent '{intent.Name}' repeats a sentence of intent '{seen[shape]}'.");
                }

                compiled.Add(new CompiledSample(intent.Name, parts));
            }
        }

        samples = compiled;
    }

    public IntentMatch Match(string? text)
    {
        var words = UtteranceText.Words(text).Where(word => !FillerWords.Contains(word)).ToArray();
        foreach (var sample in samples)
        {
            var slots = new Dictionary<string, string>(StringComparer.Ordinal);
            if (TryMatch(sample.Parts, 0, words, 0, slots))
            {
                return new IntentMatch(sample.Intent, slots);
            }
        }

        return IntentMatch.None;
    }

    /// <summary>Backtracks over slot phrase lengths; samples are short, so this stays tiny.</summary>
    private static bool TryMatch(
        IReadOnlyList<SamplePart> parts, int part, string[] words, int word, Dictionary<string, string> slots)
    {
        if (part == parts.Count)
        {
            return word == words.Length;
        }

        var current = parts[part];
        if (current.Slot is null)
        {
            return word < words.Length && current.Word == words[word] && TryMatch(parts, part + 1, words, word + 1, slots);
        }

        var longest = Math.Min(Math.Max(current.Slot.MaxPhraseWords, 1), words.Length - word);
        for (var count = longest; count >= 1; count--)
        {
            if (current.Slot.TryResolve(words, word, count, out var value))
            {
                slots[current.Word] = value;
                if (TryMatch(parts, part + 1, words, word + count, slots))
                {
                    return true;
                }

                slots.Remove(current.Word);
            }
        }

        return false;
    }

    private sealed record CompiledSample(string Intent, IReadOnlyList<SamplePart> Parts);
}
