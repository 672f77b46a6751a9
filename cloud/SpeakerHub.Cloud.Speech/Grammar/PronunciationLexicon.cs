using System.Runtime.InteropServices;
using System.Text;

namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// Pronunciations for exactly the words a grammar uses: read from the CMU dictionary (all alternates),
/// spelled digit by digit for numbers ("2" is said "two"), and guessed by <see cref="LetterToSound"/>
/// for the rest. Only the requested words are kept, so a grammar of a few hundred words costs a few
/// kilobytes instead of the dictionary's 134k entries.
/// </summary>
public sealed class PronunciationLexicon
{
    private static readonly string[] DigitNames = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    // Vowels after which a final R is dropped by non-rhotic speakers ("car" K AA R → K AA).
    private static readonly HashSet<string> RVowels = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"];

    private readonly Dictionary<string, List<string>> pronunciations;
    private readonly HashSet<string> guessed;

    private PronunciationLexicon(Dictionary<string, List<string>> pronunciations, HashSet<string> guessed)
    {
        this.pronunciations = pronunciations;
        this.guessed = guessed;
    }

    /// <summary>Every requested word, in order; a word nothing could pronounce is left out.</summary>
    public IReadOnlyCollection<string> Words => pronunciations.Keys;

    /// <summary>Words the dictionary lacked, whose pronunciation was guessed from their spelling.</summary>
    public IReadOnlyCollection<string> GuessedWords => guessed;

    /// <summary>Reads <paramref name="dictionaryPath"/> once, keeping only <paramref name="words"/> (lowercase).</summary>
    public static PronunciationLexicon Load(string dictionaryPath, IEnumerable<string> words)
    {
        var requested = words.Distinct(StringComparer.Ordinal).ToList();
        var wanted = new HashSet<string>(requested, StringComparer.Ordinal);
        foreach (var word in wanted.ToArray())
        {
            if (word.Any(char.IsAsciiDigit))
            {
                wanted.UnionWith(DigitNames);
            }
        }

        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(dictionaryPath, Encoding.UTF8))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            // Alternates are spelled "word(2)"; they are the same word to the grammar.
            var entry = line.AsSpan(0, space);
            var paren = entry.IndexOf('(');
            var word = (paren > 0 ? entry[..paren] : entry).ToString();
            if (wanted.Contains(word))
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(found, word, out _);
                (list ??= []).Add(line[(space + 1)..].Trim());
            }
        }

        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var guessed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in requested)
        {
            if (found.TryGetValue(word, out var known))
            {
                result[word] = WithNonRhoticEndings(known);
                continue;
            }

            var phones = Compose(word, found);
            if (phones.Length > 0)
            {
                result[word] = [phones];
                guessed.Add(word);
            }
        }

        return new PronunciationLexicon(result, guessed);
    }

    /// <summary>
    /// The dictionary's pronunciations plus, for words ending in an r-coloured sound, the way speakers
    /// of non-rhotic English say them ("timer" T AY M AH, "sure" SH UH): the CMU dictionary is American,
    /// the speakers are not all (measured: British voices' "louder", "heater", "sure" recognized again).
    /// </summary>
    private static List<string> WithNonRhoticEndings(List<string> pronunciations)
    {
        var all = new List<string>(pronunciations);
        foreach (var phones in pronunciations)
        {
            var space = phones.LastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var head = phones[..space];
            var alternate = phones[(space + 1)..] switch
            {
                "ER" => head + " AH",
                "R" when RVowels.Contains(head[(head.LastIndexOf(' ') + 1)..]) => head,
                _ => null,
            };
            if (alternate is not null && !all.Contains(alternate))
            {
                all.Add(alternate);
            }
        }

        return all;
    }

    /// <summary>The word's pronunciations, the dictionary's first; empty if it could not be pronounced.</summary>
    public IReadOnlyList<string> Pronounce(string word) =>
        pronunciations.TryGetValue(word, out var phones) ? phones : [];

    /// <summary>Letters are guessed as a run, digits are read one by one by their dictionary names.</summary>
    private static string Compose(string word, Dictionary<string, List<string>> dictionary)
    {
        var parts = new List<string>();
        var start = 0;
        while (start < word.Length)
        {
            var digits = char.IsAsciiDigit(word[start]);
            var end = start;
            while (end < word.Length && char.IsAsciiDigit(word[end]) == digits)
            {
                end++;
            }

            var run = word[start..end];
            if (digits)
            {
                parts.AddRange(run.Select(digit => dictionary.TryGetValue(DigitNames[digit - '0'], out var name)
                    ? name[0]
                    : LetterToSound.Guess(DigitNames[digit - '0'])));
            }
            else
            {
                parts.Add(LetterToSound.Guess(run));
            }

            start = end;
        }

        return string.Join(' ', parts.Where(part => part.Length > 0));
    }
}
