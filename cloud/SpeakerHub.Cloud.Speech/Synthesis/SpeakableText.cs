using System.Globalization;
using System.Text;

namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>
/// Turns plain text (skill replies, merchant text) into the zero-terminated UTF-8 espeak-ng reads,
/// so that nothing in it can steer the synthesizer.
/// </summary>
internal static class SpeakableText
{
    /// <summary>The bytes to hand to espeak-ng, or null when there is nothing to say.</summary>
    /// <remarks>
    /// SSML and <c>[[phonemes]]</c> are already off (see <see cref="EspeakNative.CharactersUtf8"/>), but
    /// espeak-ng still obeys commands embedded after a Ctrl-A (U+0001) in plain text, such as "0A" for
    /// silence or "80S" for a slower rate, and keeps them for every later text — measured on 1.51. A NUL
    /// would cut the text short. So every control character becomes a space, and invisible format,
    /// private-use and malformed (unpaired surrogate) characters are dropped.
    /// </remarks>
    public static byte[]? ToEspeakInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                cleaned.Append(' ');
            }
            else if (rune != Rune.ReplacementChar
                && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse))
            {
                cleaned.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
        }

        var speakable = cleaned.ToString().Trim();
        if (speakable.Length == 0)
        {
            return null;
        }

        var bytes = new byte[Encoding.UTF8.GetByteCount(speakable) + 1];
        Encoding.UTF8.GetBytes(speakable, bytes);
        return bytes;
    }
}
