namespace SpeakerHub.Cloud.Speech.Audio;

/// <summary>
/// The coefficients of a polyphase windowed-sinc low-pass for a rational rate change of
/// <see cref="Interpolation"/>/<see cref="Decimation"/>: one row of <see cref="Taps"/> coefficients per
/// output phase, so each output sample is a single dot product over the most recent input samples.
/// </summary>
internal sealed class ResamplingFilter
{
    // Cutoff as a fraction of the lower of the two Nyquist frequencies. 0.9 puts the transition band
    // of a 22,050 → 16,000 Hz change between about 6.5 and 8 kHz: speech keeps its consonants and
    // nothing above the new Nyquist folds back.
    private const double CutoffFraction = 0.9;

    // Sinc lobes kept on each side of the centre, measured at the lower rate. Together with the
    // Kaiser window below this gives a ~1.5 kHz transition band and ~80 dB of stop-band rejection.
    private const int LobesPerSide = 24;

    // Kaiser β ≈ 8 trades main-lobe width for ~80 dB side lobes, well under 16-bit quantisation noise.
    private const double KaiserBeta = 8.0;

    // Any input rate to 16 kHz needs at most 16,000 phases. Pairs needing far more (44,100 → 44,101 Hz)
    // are almost surely typos, and their table would run to tens of megabytes.
    private const int MaxPhases = 16_384;

    private const int TapAlignment = 8;

    private readonly float[] coefficients;

    public ResamplingFilter(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        var divisor = GreatestCommonDivisor(inputRate, outputRate);
        Interpolation = outputRate / divisor;
        Decimation = inputRate / divisor;
        if (Interpolation > MaxPhases)
        {
            throw new NotSupportedException(
                $"Resampling {inputRate} Hz to {outputRate} Hz needs {Interpolation} filter phases; at most {MaxPhases} are supported.");
        }

        // Normalised to the input rate: 1 is the input's Nyquist frequency.
        var cutoff = CutoffFraction * Math.Min(1.0, (double)outputRate / inputRate);

        // Rounded up so the tap count (twice this) is a multiple of the float vector width of common CPUs.
        const int HalfAlignment = TapAlignment / 2;
        HalfLength = (int)Math.Ceiling(LobesPerSide / cutoff / HalfAlignment) * HalfAlignment;
        Taps = 2 * HalfLength;
        coefficients = Design(Interpolation, HalfLength, cutoff);
    }

    /// <summary>L: output samples per <see cref="Decimation"/> input samples; also the number of phases.</summary>
    public int Interpolation { get; }

    /// <summary>M: input samples per <see cref="Interpolation"/> output samples.</summary>
    public int Decimation { get; }

    /// <summary>Input samples the filter looks ahead of (and behind) the output instant.</summary>
    public int HalfLength { get; }

    public int Taps { get; }

    /// <summary>Weights of input samples from the oldest to the newest for output phase <paramref name="phase"/>.</summary>
    public ReadOnlySpan<float> Phase(int phase) => coefficients.AsSpan(phase * Taps, Taps);

    private static float[] Design(int phases, int halfLength, double cutoff)
    {
        var taps = 2 * halfLength;
        var table = new float[phases * taps];
        var row = new double[taps];
        var windowScale = 1.0 / BesselI0(KaiserBeta);
        for (var phase = 0; phase < phases; phase++)
        {
            var sum = 0.0;
            for (var tap = 0; tap < taps; tap++)
            {
                // Distance, in input samples, from this tap's input to the output instant.
                var distance = ((double)phase / phases) + halfLength - 1 - tap;
                var edge = distance / halfLength;
                var window = BesselI0(KaiserBeta * Math.Sqrt(Math.Max(0.0, 1.0 - (edge * edge)))) * windowScale;
                row[tap] = cutoff * Sinc(cutoff * distance) * window;
                sum += row[tap];
            }

            // Every phase gets exactly unit gain at DC, so a steady level does not ripple at the phase rate.
            for (var tap = 0; tap < taps; tap++)
            {
                table[(phase * taps) + tap] = (float)(row[tap] / sum);
            }
        }

        return table;
    }

    private static double Sinc(double x) => x == 0.0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>The modified Bessel function of the first kind, order 0, by its power series.</summary>
    private static double BesselI0(double x)
    {
        const double Precision = 1e-12;
        var term = 1.0;
        var sum = 1.0;
        var halfX = x / 2.0;
        for (var k = 1; term > Precision * sum; k++)
        {
            var factor = halfX / k;
            term *= factor * factor;
            sum += term;
        }

        return sum;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
