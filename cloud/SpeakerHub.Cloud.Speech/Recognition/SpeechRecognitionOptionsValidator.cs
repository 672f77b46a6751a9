using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Speech.Nlu;
using SpeakerHub.Cloud.Speech.Grammar;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// Checks at start what recognition needs from the machine, so a missing package is a clear message
/// naming it instead of a native failure at the first utterance.
/// </summary>
internal sealed class SpeechRecognitionOptionsValidator : IValidateOptions<SpeechRecognitionOptions>
{
    // Files pocketsphinx cannot run without; the rest of the model folder is optional to it.
    private static readonly string[] ModelFiles = ["mdef", "means", "variances", "transition_matrices", "feat.params"];

    public ValidateOptionsResult Validate(string? name, SpeechRecognitionOptions options)
    {
        var failures = new List<string>();
        var section = SpeechRecognitionOptions.SectionName;
        foreach (var file in ModelFiles.Select(file => Path.Combine(options.ModelDirectory, file)).Where(path => !File.Exists(path)))
        {
            failures.Add($"{section}:ModelDirectory: '{file}' is missing (install the Debian package {SpeechRecognitionOptions.ModelPackage}).");
        }

        if (!File.Exists(options.DictionaryPath))
        {
            failures.Add($"{section}:DictionaryPath: '{options.DictionaryPath}' is missing (install the Debian package {SpeechRecognitionOptions.ModelPackage}).");
        }

        foreach (var (library, package) in new[]
        {
            (PocketSphinxNative.PocketSphinxLibrary, "libpocketsphinx3"), (PocketSphinxNative.SphinxBaseLibrary, "libsphinxbase3"),
        })
        {
            if (!NativeLibrary.TryLoad(library, out var loaded))
            {
                failures.Add($"{library} cannot be loaded (install the Debian package {package}).");
            }
            else
            {
                NativeLibrary.Free(loaded);
            }
        }

        if (options.PoolSize < 1)
        {
            failures.Add($"{section}:PoolSize must be at least 1.");
        }

        if (options.LeaseTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:LeaseTimeout must be positive.");
        }

        if (UtteranceText.Words(options.WakePhrase).Count == 0)
        {
            failures.Add($"{section}:WakePhrase needs at least one word.");
        }

        if (options.RejectionPhoneWeight is not (>= GarbageLoop.MinimumWeight and <= 1))
        {
            failures.Add($"{section}:RejectionPhoneWeight must be in [1e-100, 1].");
        }

        if (options.NoiseGainFloor is not (> 0 and <= 1))
        {
            failures.Add($"{section}:NoiseGainFloor must be in (0, 1].");
        }

        if (options.LanguageWeight is not (> 0 and <= 100))
        {
            failures.Add($"{section}:LanguageWeight must be in (0, 100].");
        }

        if (new[] { options.Beam, options.WordBeam, options.WordInsertionPenalty, options.FillerProbability, options.SilenceProbability }
            .Any(value => value is not (> 0 and <= 1)))
        {
            failures.Add($"{section}: Beam, WordBeam, WordInsertionPenalty, FillerProbability and SilenceProbability must be in (0, 1].");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
