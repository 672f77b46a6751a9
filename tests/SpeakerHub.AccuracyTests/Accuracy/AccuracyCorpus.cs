using SpeakerHub.Cloud.Speech.Nlu;

namespace SpeakerHub.AccuracyTests.Accuracy;

/// <summary>One sentence to speak, what it must be understood as, and whether it only makes sense as an answer.</summary>
public sealed record SpokenCase(string Text, IntentMatch Expected, bool Answer, int Index)
{
    public override string ToString() => $"#{Index} \"{Text}\" → {AccuracyCorpus.Describe(Expected)}";
}

/// <summary>
/// The sentences the accuracy suite speaks, generated from the interaction model the speech grammar
/// is compiled from: for every intent, <see cref="PerIntent"/> sentences taken round-robin from its
/// samples with every slot filled by a randomly chosen phrase (seeded, so a run repeats). What a
/// sentence must mean is what the text matcher makes of it, so voice is held to the same meaning as
/// typed text.
/// </summary>
public static class AccuracyCorpus
{
    public const int PerIntent = 10;

    /// <summary>
    /// Requests none of the installed skills understands, several sharing words and openings with
    /// real ones: each must be turned away, not acted on.
    /// </summary>
    public static IReadOnlyList<string> OutOfGrammar { get; } =
    [
        "what is the weather like tomorrow",
        "play some jazz music in the kitchen",
        "call my mother on her mobile",
        "tell me a joke about cats",
        "how far away is the moon",
        "add milk and eggs to my shopping list",
        "what is the capital of france",
        "send a message to john saying i am late",
        "read me the latest news headlines",
        "who won the football game last night",
        "translate good morning into spanish",
        "how do you spell necessary",
        "book a table for two at eight",
        "remind me to water the plants",
        "what is my next appointment",
        "order a large pepperoni pizza",
        "how many calories are in an apple",
        "play the next episode of my podcast",
        "is it going to rain this afternoon",
        "find a recipe for chocolate cake",
        "what song is this",
        "open the curtains in the bedroom please",
        "who wrote pride and prejudice",
        "start the vacuum cleaner downstairs",
        "what does my commute look like",
    ];

    public static IReadOnlyList<SpokenCase> InGrammar(InteractionModel model)
    {
        var cases = new List<SpokenCase>();
        foreach (var intent in model.Intents)
        {
            var random = new Random(StableSeed(intent.Name));
            var texts = new List<string>();
            for (var attempt = 0; texts.Count < PerIntent && attempt < PerIntent * 8; attempt++)
            {
                var text = Fill(intent, intent.SampleUtterances[attempt % intent.SampleUtterances.Count], random);
                if (!texts.Contains(text))
                {
                    texts.Add(text);
                }
            }

            // An intent with fewer distinct sentences ("what time is it") has them said again, by other voices.
            for (var i = 0; i < PerIntent; i++)
            {
                var text = texts[i % texts.Count];
                cases.Add(new SpokenCase(text, model.Matcher.Match(text), intent.AnswerOnly, cases.Count));
            }
        }

        return cases;
    }

    /// <summary>Intent and slots the way the suite compares them: exact, slots in name order.</summary>
    public static string Describe(IntentMatch match) =>
        match.Slots.Count == 0
            ? match.Intent
            : $"{match.Intent} {{{string.Join(", ", match.Slots.OrderBy(slot => slot.Key, StringComparer.Ordinal).Select(slot => $"{slot.Key}={slot.Value}"))}}}";

    private static string Fill(IntentDefinition intent, string sample, Random random)
    {
        var words = new List<string>();
        foreach (var part in SampleParser.Parse(intent, sample))
        {
            if (part.Slot is null)
            {
                words.Add(part.Word);
                continue;
            }

            var phrases = part.Slot.Phrases.Keys.Where(phrase => !phrase.Any(char.IsAsciiDigit)).Order(StringComparer.Ordinal).ToArray();
            words.Add(phrases[random.Next(phrases.Length)]);
        }

        return string.Join(' ', words);
    }

    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
