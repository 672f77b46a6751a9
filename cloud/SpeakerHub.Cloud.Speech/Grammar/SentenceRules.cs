using System.Globalization;
using System.Text;
using SpeakerHub.Cloud.Speech.Nlu;

namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// Writes the JSGF rules for intents (one alternative per sample) and slot types (one alternative per
/// phrase), leaving out what uses a word that has no pronunciation. Rule names are numbered, because
/// intent and slot names are free text and JSGF rule names are not.
/// </summary>
/// <remarks>
/// Each sample is written right-factored with a way out into the garbage loop after every word:
/// <c>what ( is ( the ( time | &lt;garbage&gt; ) | &lt;garbage&gt; ) | &lt;garbage&gt; )</c>. Out-of-grammar
/// speech usually shares a start with some sentence ("what is the weather like tomorrow"); without
/// these exits the rest of it is forced onto that sentence's ending, with them the garbage only has
/// to beat the ending, not the whole sentence. Measured on synthesized speech: at equal in-grammar
/// accuracy, clearly more out-of-grammar sentences rejected than with a whole-utterance loop alone.
/// </remarks>
internal sealed class SentenceRules(IReadOnlySet<string> speakable)
{
    private readonly Dictionary<SlotType, string?> slotRules = new(ReferenceEqualityComparer.Instance);
    private int intentCount;

    /// <summary>All rules written so far.</summary>
    public StringBuilder Text { get; } = new();

    /// <summary>Writes the intent's rule and returns its name, or null if none of its samples can be said.</summary>
    public string? Intent(IntentDefinition intent)
    {
        var alternatives = new List<string>();
        foreach (var sample in intent.SampleUtterances)
        {
            var tokens = new List<string>();
            foreach (var part in SampleParser.Parse(intent, sample))
            {
                var token = part.Slot is null ? (speakable.Contains(part.Word) ? part.Word : null) : Slot(part.Slot);
                if (token is null)
                {
                    tokens.Clear();
                    break;
                }

                tokens.Add(token);
            }

            if (tokens.Count > 0)
            {
                alternatives.Add(WithGarbageExits(tokens));
            }
        }

        if (alternatives.Count == 0)
        {
            return null;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"intent{intentCount++}_{Sanitize(intent.Name)}");
        Write(name, alternatives.Distinct(StringComparer.Ordinal));
        return name;
    }

    private static string WithGarbageExits(List<string> tokens)
    {
        var text = tokens[^1];
        for (var i = tokens.Count - 2; i >= 0; i--)
        {
            text = $"{tokens[i]} ( {text} | <{GarbageLoop.RuleName}> )";
        }

        return text;
    }

    /// <summary>The rule reference for a slot type, written on first use; null if no phrase can be said.</summary>
    private string? Slot(SlotType slotType)
    {
        if (slotRules.TryGetValue(slotType, out var known))
        {
            return known is null ? null : $"<{known}>";
        }

        var phrases = slotType.Phrases.Keys
            .Where(phrase => phrase.Split(' ').All(speakable.Contains))
            .Order(StringComparer.Ordinal)
            .ToList();
        string? name = null;
        if (phrases.Count > 0)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"slot{slotRules.Count}_{Sanitize(slotType.Name)}");
            Write(name, phrases);
        }

        slotRules[slotType] = name;
        return name is null ? null : $"<{name}>";
    }

    private void Write(string name, IEnumerable<string> alternatives) =>
        Text.Append('<').Append(name).Append("> = ").AppendJoin(" | ", alternatives).Append(";\n");

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
