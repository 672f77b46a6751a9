using System.Runtime.InteropServices;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// One pocketsphinx decoder: its dictionary (grown word by word), its named grammar searches and one
/// utterance at a time. Not thread-safe; the recognizer's pool hands it to one stream at a time.
/// Separate decoders on separate threads are safe.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private static readonly Lock LogGate = new();
    private static bool logSilenced;

    private readonly DecoderHandle handle;
    private readonly float languageWeight;

    private PocketSphinxDecoder(DecoderHandle handle, CepstralMean? mean, float languageWeight)
    {
        this.handle = handle;
        this.languageWeight = languageWeight;
        Mean = mean;
    }

    /// <summary>The interaction model version whose grammars are loaded; -1 before the first.</summary>
    public long GrammarVersion { get; set; } = -1;

    /// <summary>The decoder's live cepstral mean, or null where its layout could not be verified.</summary>
    public CepstralMean? Mean { get; }

    /// <summary>Audio held back at the start of a cold pool's utterance until its level is known; reused across leases.</summary>
    public short[] Opening { get; private set; } = [];

    /// <summary>
    /// Creates a decoder with the acoustic model and an empty dictionary (only the model's fillers):
    /// words arrive through <see cref="AddWord"/>, so a decoder holds just the grammar's words
    /// instead of the 134k-word CMU dictionary (measured: far less memory and start-up time).
    /// </summary>
    public static PocketSphinxDecoder Create(SpeechRecognitionOptions options)
    {
        SilenceLibraryLog();
        // The device's voice detector already cut the utterance; the library's own detector on top of it
        // dropped quiet speech in noise (measured: fewer utterances understood at 10 dB SNR).
        string[] arguments = ["-hmm", options.ModelDirectory, "-remove_silence", "no"];
        using var config = new DecoderConfigHandle(
            PocketSphinxNative.cmd_ln_parse_r(0, PocketSphinxNative.ps_args(), arguments.Length, arguments, strict: 1));
        if (config.IsInvalid)
        {
            throw new InvalidOperationException("pocketsphinx rejected the decoder configuration.");
        }

        var raw = config.DangerousGetHandle();
        PocketSphinxNative.cmd_ln_set_int_r(raw, "-topn", options.TopGaussians);
        PocketSphinxNative.cmd_ln_set_float_r(raw, "-beam", options.Beam);
        PocketSphinxNative.cmd_ln_set_float_r(raw, "-pbeam", options.Beam);
        PocketSphinxNative.cmd_ln_set_float_r(raw, "-wbeam", options.WordBeam);
        PocketSphinxNative.cmd_ln_set_float_r(raw, "-wip", options.WordInsertionPenalty);
        PocketSphinxNative.cmd_ln_set_float_r(raw, "-fillprob", options.FillerProbability);
        PocketSphinxNative.cmd_ln_set_float_r(raw, "-silprob", options.SilenceProbability);
        PocketSphinxNative.cmd_ln_set_float_r(raw, "-lw", options.LanguageWeight);
        var decoder = new DecoderHandle(PocketSphinxNative.ps_init(raw));
        if (decoder.IsInvalid)
        {
            throw new InvalidOperationException(
                $"pocketsphinx could not load the acoustic model in '{options.ModelDirectory}'.");
        }

        var mean = CepstralMean.Attach(decoder.DangerousGetHandle(), options.ModelDirectory);
        return new PocketSphinxDecoder(decoder, mean, (float)options.LanguageWeight)
        {
            Opening = mean is null ? [] : new short[options.LevelWindowSamples],
        };
    }

    public bool HasWord(string word)
    {
        var phones = PocketSphinxNative.ps_lookup_word(handle.DangerousGetHandle(), word);
        if (phones == 0)
        {
            return false;
        }

        // ps_lookup_word, unlike the hypothesis getters, allocates its answer for the caller.
        PocketSphinxNative.ckd_free(phones);
        return true;
    }

    /// <summary>Adds a word (or an alternate, "word(2)") with its CMU phones, space-separated.</summary>
    public void AddWord(string word, string phones)
    {
        if (PocketSphinxNative.ps_add_word(handle.DangerousGetHandle(), word, phones, update: 0) < 0)
        {
            throw new InvalidOperationException($"pocketsphinx refused the word '{word}' with phones '{phones}'.");
        }
    }

    /// <summary>Loads a grammar in FSG text format into the named search, replacing an older one of that name.</summary>
    public void SetGrammar(string searchName, string fsgText)
    {
        var decoder = handle.DangerousGetHandle();
        var path = Path.Combine(Path.GetTempPath(), $"speakerhub-{Environment.ProcessId}-{Guid.NewGuid():N}.fsg");
        File.WriteAllText(path, fsgText);
        try
        {
            var fsg = PocketSphinxNative.fsg_model_readfile(path, PocketSphinxNative.ps_get_logmath(decoder), languageWeight);
            if (fsg == 0)
            {
                throw new InvalidOperationException($"pocketsphinx could not read the '{searchName}' grammar.");
            }

            try
            {
                if (PocketSphinxNative.ps_set_fsg(decoder, searchName, fsg) < 0)
                {
                    throw new InvalidOperationException(
                        $"pocketsphinx could not load the '{searchName}' grammar (a word missing from the dictionary?).");
                }
            }
            finally
            {
                // Returns the references left: the search keeps its own.
                _ = PocketSphinxNative.fsg_model_free(fsg);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void StartUtterance(string searchName)
    {
        var decoder = handle.DangerousGetHandle();
        if (PocketSphinxNative.ps_set_search(decoder, searchName) < 0 || PocketSphinxNative.ps_start_utt(decoder) < 0)
        {
            throw new InvalidOperationException($"pocketsphinx could not start an utterance with the '{searchName}' search.");
        }
    }

    public unsafe void Process(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        fixed (short* data = samples)
        {
            if (PocketSphinxNative.ps_process_raw(handle.DangerousGetHandle(), data, (nuint)samples.Length, noSearch: 0, fullUtterance: 0) < 0)
            {
                throw new InvalidOperationException("pocketsphinx failed to process audio.");
            }
        }
    }

    /// <summary>Ends the utterance: the best path's words (fillers excluded, null if no sentence was completed) and the frames searched.</summary>
    public (string? Hypothesis, int Frames) EndUtterance()
    {
        var decoder = handle.DangerousGetHandle();
        if (PocketSphinxNative.ps_end_utt(decoder) < 0)
        {
            throw new InvalidOperationException("pocketsphinx failed to finish the utterance.");
        }

        var hypothesis = PocketSphinxNative.ps_get_hyp(decoder, out _);
        return (hypothesis == 0 ? null : Marshal.PtrToStringUTF8(hypothesis), PocketSphinxNative.ps_get_n_frames(decoder));
    }

    /// <summary>Ends an utterance nobody wants the result of, so the decoder can start another; false if it could not.</summary>
    public bool Abandon() => PocketSphinxNative.ps_end_utt(handle.DangerousGetHandle()) >= 0;

    public void Dispose() => handle.Dispose();

    private static void SilenceLibraryLog()
    {
        lock (LogGate)
        {
            if (!logSilenced)
            {
                // sphinxbase logs every step of model loading and decoding to stderr; NULL turns it off.
                PocketSphinxNative.err_set_logfp(0);
                logSilenced = true;
            }
        }
    }
}
