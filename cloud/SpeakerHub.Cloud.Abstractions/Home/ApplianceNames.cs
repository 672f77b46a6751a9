using System.Text;

namespace SpeakerHub.Cloud.Abstractions.Home;

/// <summary>
/// Names, rooms and aliases of appliances become words of the speech grammar, so they must be plain
/// words a person can say: letters only, a few of them. Normalized the way the speech matcher reads
/// text (lowercase, apostrophes dropped, one space between words), so "Kid's Room" is "kids room".
/// Shared by the API (field errors) and the home grain (the rule itself).
/// </summary>
public static class ApplianceNames
{
    public const int MaxLength = 40;
    public const int MaxWords = 4;
    public const int MaxAliases = 5;

    /// <summary>The normalized form, or null when <paramref name="text"/> is not a sayable name.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019')
            {
                continue;
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '_')
            {
                Flush(word, words);
            }
            else
            {
                return null;
            }
        }

        Flush(word, words);
        return words.Count is > 0 and <= MaxWords ? string.Join(' ', words) : null;
    }

    /// <summary>Why <paramref name="text"/> is not a valid name, or null when it is.</summary>
    public static string? Problem(string? text) =>
        Normalize(text) is null
            ? $"Required: 1..{MaxWords} words of letters, at most {MaxLength} characters (it is said to the speaker)."
            : null;

    /// <summary>Why <paramref name="aliases"/> are not valid, or null when they are (null and empty are valid).</summary>
    public static string? AliasesProblem(IReadOnlyList<string>? aliases) =>
        aliases is null ? null
        : aliases.Count > MaxAliases ? $"At most {MaxAliases} aliases."
        : aliases.Any(alias => Normalize(alias) is null)
            ? $"Each alias: 1..{MaxWords} words of letters, at most {MaxLength} characters."
            : null;

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
