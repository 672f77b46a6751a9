namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>
/// An espeak-ng voice as the library names it — a language such as <c>en-us</c>, <c>en</c> or
/// <c>en-gb-x-rp</c>, optionally with a variant after '+' (<c>en+m3</c>, <c>en+f3</c>) — with a speaking
/// rate and a pitch. Values are checked when the voice is made; whether espeak-ng knows the name is
/// checked when it speaks (<see cref="SpeechSynthesizer.SynthesizeAsync"/>).
/// </summary>
public sealed record SynthesisVoice(string Name, int RateWordsPerMinute, int Pitch)
{
    // espeak-ng's own limits (speak_lib.h: espeakRATE_MINIMUM/MAXIMUM/NORMAL; pitch 0..100, 50 normal).
    public const int MinimumRate = 80;
    public const int MaximumRate = 450;
    public const int NormalRate = 175;
    public const int MinimumPitch = 0;
    public const int MaximumPitch = 100;
    public const int NormalPitch = 50;

    // espeak-ng 1.51 copies a variant name into a 40-byte buffer without checking its length.
    public const int MaxNameLength = 32;

    private readonly string name = Checked(Name, NameProblem(Name), nameof(Name));
    private readonly int rateWordsPerMinute = Checked(RateWordsPerMinute, RateProblem(RateWordsPerMinute), nameof(RateWordsPerMinute));
    private readonly int pitch = Checked(Pitch, PitchProblem(Pitch), nameof(Pitch));

    public string Name { get => name; init => name = Checked(value, NameProblem(value), nameof(Name)); }

    public int RateWordsPerMinute
    {
        get => rateWordsPerMinute;
        init => rateWordsPerMinute = Checked(value, RateProblem(value), nameof(RateWordsPerMinute));
    }

    public int Pitch { get => pitch; init => pitch = Checked(value, PitchProblem(value), nameof(Pitch)); }

    /// <summary>Why <paramref name="candidate"/> cannot be a voice name, or null if it can.</summary>
    /// <remarks>
    /// Names become file names inside espeak-ng-data, so only the characters its voices use are let
    /// through: letters, digits, '-', '_', one '+' before a variant, and inner spaces ("Mr serious").
    /// </remarks>
    public static string? NameProblem(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate))
        {
            return "A voice name is required (e.g. 'en-us').";
        }

        var valid = candidate.Length <= MaxNameLength
            && candidate.Trim().Length == candidate.Length
            && candidate.Count(character => character == '+') <= 1
            && candidate[0] != '+'
            && candidate[^1] != '+'
            && candidate.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '+' or ' ');
        return valid
            ? null
            : $"'{candidate}' is not an espeak-ng voice name: use up to {MaxNameLength} letters, digits, '-' or '_', optionally '+variant' (e.g. 'en-us', 'en+m3').";
    }

    public static string? RateProblem(int candidate) =>
        candidate is >= MinimumRate and <= MaximumRate
            ? null
            : $"Rate must be {MinimumRate}..{MaximumRate} words per minute, was {candidate}.";

    public static string? PitchProblem(int candidate) =>
        candidate is >= MinimumPitch and <= MaximumPitch
            ? null
            : $"Pitch must be {MinimumPitch}..{MaximumPitch}, was {candidate}.";

    private static T Checked<T>(T value, string? problem, string parameterName) =>
        problem is null ? value : throw new ArgumentException(problem, parameterName);
}
