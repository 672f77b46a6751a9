namespace SpeakerHub.SpeechTests.Synthesis;

/// <summary>Measurements on 16-bit mono PCM used by the synthesis and resampling tests.</summary>
internal static class Pcm
{
    public static async Task<short[]> CollectAsync(IAsyncEnumerable<short[]> chunks)
    {
        var all = new List<short>();
        await foreach (var chunk in chunks)
        {
            all.AddRange(chunk);
        }

        return [.. all];
    }

    public static double Seconds(short[] samples, int sampleRate) => (double)samples.Length / sampleRate;

    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    public static short[] Tone(double frequency, double amplitude, int sampleRate, double seconds)
    {
        var samples = new short[(int)(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    /// <summary>Amplitude of the <paramref name="frequency"/> component (Goertzel's algorithm).</summary>
    public static double AmplitudeAt(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var power = (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
        return 2 * Math.Sqrt(Math.Max(0, power)) / samples.Length;
    }

    /// <summary>Frequency from the number of sign changes, which counts each period twice.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<short> samples, int sampleRate)
    {
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                crossings++;
            }
        }

        return crossings / 2.0 / ((double)samples.Length / sampleRate);
    }

    /// <summary>
    /// Median fundamental frequency of the loud 40 ms frames, each taken from the lag (60–400 Hz) at
    /// which the frame best matches itself — a plain autocorrelation pitch tracker.
    /// </summary>
    public static double MedianPitch(short[] samples, int sampleRate, double loudRms)
    {
        var frame = sampleRate / 25;
        var shortestLag = sampleRate / 400;
        var longestLag = sampleRate / 60;
        var pitches = new List<double>();
        for (var start = 0; start + frame + longestLag <= samples.Length; start += frame)
        {
            var window = samples.AsSpan(start, frame + longestLag);
            if (Rms(window[..frame]) < loudRms)
            {
                continue;
            }

            var bestLag = 0;
            var best = double.MinValue;
            for (var lag = shortestLag; lag <= longestLag; lag++)
            {
                var sum = 0.0;
                for (var i = 0; i < frame; i++)
                {
                    sum += (double)window[i] * window[i + lag];
                }

                if (sum > best)
                {
                    best = sum;
                    bestLag = lag;
                }
            }

            pitches.Add((double)sampleRate / bestLag);
        }

        pitches.Sort();
        return pitches.Count == 0 ? 0 : pitches[pitches.Count / 2];
    }

    public static double Decibels(double ratio) => 20 * Math.Log10(ratio);
}
