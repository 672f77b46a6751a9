using System.Text;

namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>
/// Turns typed or recognized text into the lowercase words the matcher compares, so "What's the time?"
/// and "whats the time" are the same sentence. Apostrophes join ("what's" → "whats") because ASR
/// output and people's typing disagree about them; every other non-alphanumeric character separates.
/// </summary>
public static class UtteranceText
{
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '\u2019'))
            {
                Flush(word, words);
            }
        }

        Flush(word, words);
        return words;
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
