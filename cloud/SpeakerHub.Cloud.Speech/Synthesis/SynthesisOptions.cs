using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>The <c>Speech:Synthesis</c> configuration section: the voice replies use unless a caller picks one.</summary>
public sealed class SynthesisOptions
{
    public const string SectionName = "Speech:Synthesis";

    public const int MinimumVolume = 0;
    public const int NormalVolume = 100;

    // Above 100 espeak-ng amplifies and may clip (speak_lib.h); 200 is its documented top.
    public const int MaximumVolume = 200;

    public const int MinimumBufferMilliseconds = 5;
    public const int MaximumBufferMilliseconds = 200;

    /// <summary>An espeak-ng voice name (see <see cref="SynthesisVoice"/>).</summary>
    public string Voice { get; set; } = "en-us";

    public int RateWordsPerMinute { get; set; } = SynthesisVoice.NormalRate;

    /// <summary>0..100, 50 is the voice's own pitch.</summary>
    public int Pitch { get; set; } = SynthesisVoice.NormalPitch;

    /// <summary>0..200, 100 is espeak-ng's normal full volume.</summary>
    public int Volume { get; set; } = NormalVolume;

    /// <summary>
    /// Length of the buffers espeak-ng hands over, hence of the first chunk a listener waits for. Short
    /// buffers cost a little per-chunk overhead; at ~1000× real time that is negligible. espeak-ng is one
    /// synthesizer per process, so the first <see cref="SpeechSynthesizer"/> created fixes this value.
    /// </summary>
    public int BufferMilliseconds { get; set; } = 40;

    /// <summary>The voice this configuration describes; throws if it is invalid.</summary>
    public SynthesisVoice DefaultVoice() => new(Voice, RateWordsPerMinute, Pitch);
}

/// <summary>Rejects unusable <see cref="SynthesisOptions"/> at start-up, naming the configuration key.</summary>
public sealed class SynthesisOptionsValidator : IValidateOptions<SynthesisOptions>
{
    public ValidateOptionsResult Validate(string? name, SynthesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new[]
            {
                Problem(nameof(options.Voice), SynthesisVoice.NameProblem(options.Voice)),
                Problem(nameof(options.RateWordsPerMinute), SynthesisVoice.RateProblem(options.RateWordsPerMinute)),
                Problem(nameof(options.Pitch), SynthesisVoice.PitchProblem(options.Pitch)),
                Problem(
                    nameof(options.Volume),
                    options.Volume is >= SynthesisOptions.MinimumVolume and <= SynthesisOptions.MaximumVolume
                        ? null
                        : $"must be {SynthesisOptions.MinimumVolume}..{SynthesisOptions.MaximumVolume}, was {options.Volume}."),
                Problem(
                    nameof(options.BufferMilliseconds),
                    options.BufferMilliseconds is >= SynthesisOptions.MinimumBufferMilliseconds and <= SynthesisOptions.MaximumBufferMilliseconds
                        ? null
                        : $"must be {SynthesisOptions.MinimumBufferMilliseconds}..{SynthesisOptions.MaximumBufferMilliseconds}, was {options.BufferMilliseconds}."),
            }
            .OfType<string>()
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Problem(string key, string? problem) =>
        problem is null ? null : $"{SynthesisOptions.SectionName}:{key}: {problem}";
}
