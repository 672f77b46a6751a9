namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>A literal word of a sample, or (when <see cref="Slot"/> is set) a slot named <see cref="Word"/>.</summary>
public sealed record SamplePart(string Word, SlotType? Slot);

/// <summary>
/// Splits a sample utterance into literal words and <c>{slot}</c> references, the one reading of a
/// sample that both the text matcher and the speech grammar compiler use.
/// </summary>
public static class SampleParser
{
    public static IReadOnlyList<SamplePart> Parse(IntentDefinition intent, string sample)
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
}
