using System.Globalization;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// Read and write access to one decoder's live cepstral mean (the running average pocketsphinx
/// subtracts from every frame), which the library offers no accessor for.
/// </summary>
/// <remarks>
/// This reads the <c>cmn_t</c> pointer from the <c>feat_t</c> layout of sphinxbase 5prealpha (Debian
/// libsphinxbase3) and verifies it against the model's <c>-cmninit</c> before use; on any mismatch
/// <see cref="Attach"/> returns null and the decoder keeps the library's own per-decoder behaviour.
/// </remarks>
internal sealed unsafe class CepstralMean
{
    // feat_t.cmn_struct at byte 88 on 64-bit; cmn_t is { float *cmn_mean, *cmn_var, *sum; int32 nframe, veclen; }.
    private const int FeatCmnOffset = 88;
    private const int CmnVectorLengthOffset = 28;

    // c0 against the natural log of mean sample power (see LevelOf): the slope is √25 for the model's
    // 25 mel filters, the offset a least-squares fit of the library's own utterance means over 60
    // utterances (5 voices, 2 levels 20 dB apart; residual 1.4).
    private const double EnergyPerLogPower = 5.0;
    private const double EnergyOffset = -12.85;

    // Frames of 20 ms every 10 ms, counted as speech within 30 dB of the loudest.
    private const int FrameSamples = 320;
    private const int FrameStep = 160;
    private static readonly double SpeechRange = Math.Log(1000);

    private readonly nint cmn;

    private CepstralMean(nint cmn, float[] modelMean)
    {
        this.cmn = cmn;
        ModelMean = modelMean;
    }

    /// <summary>The model's initial mean (its feat.params <c>-cmninit</c>).</summary>
    public IReadOnlyList<float> ModelMean { get; }

    /// <summary>The mean normalization of <paramref name="decoder"/>, or null if its layout is not the one verified.</summary>
    public static CepstralMean? Attach(nint decoder, string modelDirectory)
    {
        var expected = ModelInitialMean(modelDirectory);
        var feat = PocketSphinxNative.ps_get_feat(decoder);
        if (expected is null || feat == 0)
        {
            return null;
        }

        var cmn = *(nint*)(feat + FeatCmnOffset);
        if (cmn == 0 || *(int*)(cmn + CmnVectorLengthOffset) != expected.Length)
        {
            return null;
        }

        var candidate = new CepstralMean(cmn, expected);
        return candidate.Read().Zip(expected).All(pair => Math.Abs(pair.First - pair.Second) < 1e-3f) ? candidate : null;
    }

    /// <summary>
    /// The energy coefficient (c0) of speech at <paramref name="opening"/>'s level: what a decoder that
    /// has heard nothing yet should start from instead of the model's, made for quieter audio.
    /// </summary>
    public static float? EnergyFor(ReadOnlySpan<short> opening) =>
        LevelOf(opening) is { } level ? (float)((EnergyPerLogPower * level) + EnergyOffset) : null;

    public float[] Read()
    {
        var mean = new float[ModelMean.Count];
        fixed (float* values = mean)
        {
            PocketSphinxNative.cmn_live_get(cmn, values);
        }

        return mean;
    }

    /// <summary>Sets the mean the next frames are normalized with (the library then weighs it as 500 frames).</summary>
    public void Write(float[] mean)
    {
        fixed (float* values = mean)
        {
            PocketSphinxNative.cmn_live_set(cmn, values);
        }
    }

    /// <summary>Folds the utterance just decoded into the mean and returns it.</summary>
    public float[] Update()
    {
        PocketSphinxNative.cmn_live_update(cmn);
        return Read();
    }

    /// <summary>Mean natural log of the power of the speech frames, or null when there is no frame at all.</summary>
    internal static double? LevelOf(ReadOnlySpan<short> audio)
    {
        if (audio.Length < FrameSamples)
        {
            return null;
        }

        var levels = new List<double>();
        for (var start = 0; start + FrameSamples <= audio.Length; start += FrameStep)
        {
            double power = 0;
            foreach (var sample in audio.Slice(start, FrameSamples))
            {
                power += sample * (double)sample;
            }

            levels.Add(Math.Log((power / FrameSamples) + 1));
        }

        var loudest = levels.Max();
        return levels.Where(level => level > loudest - SpeechRange).Average();
    }

    /// <summary>The <c>-cmninit</c> vector of the model's feat.params, or null if it has none.</summary>
    private static float[]? ModelInitialMean(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "feat.params");
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["-cmninit", var values])
            {
                return values.Split(',').Select(value => float.Parse(value, CultureInfo.InvariantCulture)).ToArray();
            }
        }

        return null;
    }
}
