using System.Collections.Frozen;

namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// Matches text against every sample utterance word by word: literal words must be equal after
/// <see cref="UtteranceText"/> normalization, a <c>{slot}</c> word must resolve through its slot type.
/// Exact sentence matching is deliberate: it is what the speech grammar accepts too, so typed text
/// behaves like speech, and anything else is "None" instead of a guess.
/// </summary>
public sealed class IntentMatcher
{
    // Politeness changes nothing about what a sentence asks for.
    private static readonly FrozenSet<string> FillerWords = FrozenSet.Create(StringComparer.Ordinal, "please");

    private readonly IReadOnlyList<CompiledSample> samples;

    public IntentMatcher(SkillCatalog catalog)
    {
        var compiled = new List<CompiledSample>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var intent in catalog.Intents)
        {
            foreach (var sample in intent.SampleUtterances)
            {
                var parts = Compile(intent, sample);
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
            if (TryMatch(sample, words, out var slots))
            {
                return new IntentMatch(sample.Intent, slots);
            }
        }

        return IntentMatch.None;
    }

    private static bool TryMatch(CompiledSample sample, string[] words, out Dictionary<string, string> slots)
    {
        slots = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sample.Parts.Count != words.Length)
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            var part = sample.Parts[i];
            if (part.Slot is null)
            {
                if (part.Word != words[i])
                {
                    return false;
                }
            }
            else if (part.Slot.TryResolve(words[i], out var value))
            {
                slots[part.Word] = value;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static List<SamplePart> Compile(IntentDefinition intent, string sample)
    {
        var parts = new List<SamplePart>();
        foreach (var token in sample.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.Length > 2 && token[0] == '{' && token[^1] == '}')
            {
                var name = token[1..^1];
                if (!intent.Slots.TryGetValue(name, out var slotType))
                {
                    throw new InvalidOperationException($"Sample '{sample}' of intent '{intent.Name}' uses undeclared slot '{name}'.");
                }

                parts.Add(new SamplePart(name, slotType));
            }
            else
            {
                parts.AddRange(UtteranceText.Words(token).Select(word => new SamplePart(word, null)));
            }
        }

        if (parts.Count == 0)
        {
            throw new InvalidOperationException($"Intent '{intent.Name}' has an empty sample.");
        }

        return parts;
    }

    /// <summary>A literal word, or (when <see cref="Slot"/> is set) a slot named <see cref="Word"/>.</summary>
    private sealed record SamplePart(string Word, SlotType? Slot);

    private sealed record CompiledSample(string Intent, IReadOnlyList<SamplePart> Parts);
}
