namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// A small rule-based English spelling → CMU phone guesser for words the dictionary lacks (brand and
/// device names). Not a full grapheme-to-phoneme model: it only has to give the decoder a plausible
/// path, since a grammar with one unpronounceable word fails to load as a whole. Rules are tried
/// longest first at each letter; vowels are long before consonant + final "e" and short otherwise.
/// </summary>
public static class LetterToSound
{
    private const string Vowels = "aeiouy";

    // Spelling → phones, longest spellings first so "tch" wins over "ch" and "c".
    private static readonly (string Spelling, string Phones)[] Patterns =
    [
        ("tion", "SH AH N"), ("sion", "ZH AH N"), ("ture", "CH ER"), ("eigh", "EY"),
        ("tch", "CH"), ("sch", "S K"), ("igh", "AY"), ("dge", "JH"), ("que", "K"), ("augh", "AO"), ("ough", "AO"),
        ("ch", "CH"), ("sh", "SH"), ("th", "TH"), ("ph", "F"), ("ck", "K"), ("ng", "NG"), ("nk", "NG K"),
        ("qu", "K W"), ("wh", "W"), ("dg", "JH"), ("gh", ""),
        ("ee", "IY"), ("ea", "IY"), ("oo", "UW"), ("ou", "AW"), ("oi", "OY"), ("oy", "OY"), ("ai", "EY"),
        ("ay", "EY"), ("au", "AO"), ("aw", "AO"), ("ie", "IY"), ("ei", "EY"), ("oa", "OW"), ("ue", "UW"),
        ("ew", "UW"), ("er", "ER"), ("ir", "ER"), ("ur", "ER"), ("ar", "AA R"), ("or", "AO R"),
        ("b", "B"), ("d", "D"), ("f", "F"), ("h", "HH"), ("j", "JH"), ("k", "K"), ("l", "L"), ("m", "M"),
        ("n", "N"), ("p", "P"), ("q", "K"), ("r", "R"), ("t", "T"), ("v", "V"), ("w", "W"), ("z", "Z"),
    ];

    private static readonly Dictionary<char, string> ShortVowels = new()
    {
        ['a'] = "AE", ['e'] = "EH", ['i'] = "IH", ['o'] = "AA", ['u'] = "AH", ['y'] = "IH",
    };

    private static readonly Dictionary<char, string> LongVowels = new()
    {
        ['a'] = "EY", ['e'] = "IY", ['i'] = "AY", ['o'] = "OW", ['u'] = "UW", ['y'] = "AY",
    };

    /// <summary>CMU phones for a lowercase ASCII word, space-separated; empty if it has no letters.</summary>
    public static string Guess(string word)
    {
        var letters = new string(word.Where(char.IsAsciiLetterLower).ToArray());
        var phones = new List<string>();
        var i = 0;
        while (i < letters.Length)
        {
            i += Next(letters, i, phones);
        }

        return string.Join(' ', phones.Where(phone => phone.Length > 0));
    }

    private static int Next(string word, int at, List<string> phones)
    {
        var letter = word[at];
        var previous = at > 0 ? word[at - 1] : '\0';
        if (letter == previous && !IsVowel(letter))
        {
            return 1;
        }

        var special = Special(word, at);
        if (special is not null)
        {
            phones.Add(special.Value.Phones);
            return special.Value.Length;
        }

        foreach (var (spelling, sound) in Patterns)
        {
            if (string.CompareOrdinal(word, at, spelling, 0, spelling.Length) == 0)
            {
                phones.Add(sound);
                return spelling.Length;
            }
        }

        if (IsVowel(letter))
        {
            phones.Add(Vowel(word, at));
        }

        return 1;
    }

    /// <summary>Rules that depend on the letters around, before the plain pattern table.</summary>
    private static (string Phones, int Length)? Special(string word, int at)
    {
        var rest = word.AsSpan(at);
        var next = at + 1 < word.Length ? word[at + 1] : '\0';
        return word[at] switch
        {
            'k' or 'g' when at == 0 && next == 'n' => ("N", 2),
            'w' when at == 0 && next == 'r' => ("R", 2),
            'm' when next == 'b' && at + 2 == word.Length => ("M", 2),
            'c' when next is 'e' or 'i' or 'y' => ("S", 1),
            'c' => ("K", 1),
            'g' when next is 'e' or 'i' or 'y' && at + 1 < word.Length - 1 => ("JH", 1),
            'g' when next != 'h' => ("G", 1),
            'x' => at == 0 ? ("Z", 1) : ("K S", 1),
            's' when at > 0 && IsVowel(word[at - 1]) && at + 1 < word.Length && IsVowel(next) => ("Z", 1),
            's' when rest.Length == 1 && at > 0 && !IsVowel(word[at - 1]) && word[at - 1] is not ('p' or 't' or 'k' or 'f') => ("Z", 1),
            's' => ("S", 1),
            'y' when at == 0 => ("Y", 1),
            'l' when rest is "le" && at > 0 && !IsVowel(word[at - 1]) => ("AH L", 2),
            _ => null,
        };
    }

    private static string Vowel(string word, int at)
    {
        var letter = word[at];
        var isLast = at == word.Length - 1;
        if (isLast)
        {
            return letter switch
            {
                // Final "e" is silent unless it is the only vowel ("be", "she").
                'e' => word.Take(at).Any(IsVowel) ? string.Empty : "IY",
                'y' => word.Length <= 3 ? "AY" : "IY",
                'o' => "OW",
                'a' => "AH",
                _ => LongVowels[letter],
            };
        }

        var magicE = at + 2 < word.Length && !IsVowel(word[at + 1]) && word[at + 2] == 'e' && at + 3 == word.Length;
        if (magicE || (at + 1 < word.Length && IsVowel(word[at + 1]) && letter != word[at + 1]))
        {
            return letter == 'u' && magicE ? "Y UW" : LongVowels[letter];
        }

        return letter == 'y' && at == 0 ? "Y" : ShortVowels[letter];
    }

    private static bool IsVowel(char letter) => Vowels.Contains(letter, StringComparison.Ordinal);
}
