using System.Numerics;
using System.Runtime.InteropServices;

namespace SpeakerHub.Cloud.Speech.Audio;

/// <summary>
/// Streaming band-limited sample-rate conversion of 16-bit mono PCM (polyphase windowed sinc, see
/// <see cref="ResamplingFilter"/>). The filter's history is kept between calls, so a stream cut into
/// chunks of any size comes out sample for sample as if it had been converted in one go. Feed a stream
/// with <see cref="Process"/>, end it with <see cref="Flush"/>; the instance is then ready for the next.
/// Not thread-safe: one stream at a time.
/// </summary>
public sealed class PolyphaseResampler
{
    private readonly ResamplingFilter? filter;

    // The last Taps input samples, stored twice so they are always one contiguous span
    // (history[next .. next + Taps]) without copying on every sample.
    private readonly float[] history;
    private int next;

    // Real input samples of this stream, and all samples appended including the zeros of a flush.
    private long inputCount;
    private long appended;
    private long outputCount;

    // Where the next output sample falls: input index plus phase/Interpolation.
    private long outputIndex;
    private int outputPhase;

    public PolyphaseResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        if (inputRate != outputRate)
        {
            filter = new ResamplingFilter(inputRate, outputRate);
        }

        history = new float[2 * (filter?.Taps ?? 0)];
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    /// <summary>Converts a whole signal at once (e.g. a WAV file recorded at another rate).</summary>
    public static short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        var resampler = new PolyphaseResampler(inputRate, outputRate);
        var output = new short[resampler.MaxOutputLength(input.Length)];
        var written = resampler.Process(input, output);
        written += resampler.Flush(output.AsSpan(written));
        return output[..written];
    }

    /// <summary>
    /// An upper bound on the samples one <see cref="Process"/> call with <paramref name="inputLength"/>
    /// samples writes, and also on what <see cref="Flush"/> writes after it.
    /// </summary>
    public int MaxOutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        if (filter is null)
        {
            return inputLength;
        }

        var longest = ((long)(inputLength + filter.HalfLength) * filter.Interpolation / filter.Decimation) + 2;
        return (int)Math.Min(int.MaxValue, longest);
    }

    /// <summary>Converts the next part of the stream; returns how many samples were written to <paramref name="output"/>.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (output.Length < MaxOutputLength(input.Length))
        {
            throw new ArgumentException(
                $"Output room for {input.Length} input samples must be at least MaxOutputLength = {MaxOutputLength(input.Length)}.",
                nameof(output));
        }

        if (filter is null)
        {
            input.CopyTo(output);
            return input.Length;
        }

        var written = 0;
        foreach (var sample in input)
        {
            written += Push(sample, output[written..]);
        }

        inputCount += input.Length;
        return written;
    }

    /// <summary>
    /// Ends the stream: writes the samples still held back by the filter's look-ahead, so the output
    /// has exactly the input's duration at the new rate, and resets for the next stream.
    /// </summary>
    public int Flush(Span<short> output)
    {
        if (output.Length < MaxOutputLength(0))
        {
            throw new ArgumentException($"Output room must be at least MaxOutputLength(0) = {MaxOutputLength(0)}.", nameof(output));
        }

        var written = 0;
        if (filter is not null)
        {
            // Outputs fall at n·M/L input samples; those before the end of the input belong to the stream.
            var expected = ((inputCount * filter.Interpolation) + filter.Decimation - 1) / filter.Decimation;
            while (outputCount < expected)
            {
                written += Push(0, output[written..]);
            }
        }

        Reset();
        return written;
    }

    /// <summary>Forgets the current stream without emitting its tail.</summary>
    public void Reset()
    {
        Array.Clear(history);
        next = 0;
        inputCount = 0;
        appended = 0;
        outputCount = 0;
        outputIndex = 0;
        outputPhase = 0;
    }

    /// <summary>Appends one input sample and writes every output sample whose look-ahead it completes.</summary>
    private int Push(short sample, Span<short> output)
    {
        var active = filter!;
        var taps = active.Taps;
        history[next] = sample;
        history[next + taps] = sample;
        next = next + 1 == taps ? 0 : next + 1;

        // Before the stream began the history holds zeros, which is what the first outputs should see.
        var newest = appended++;
        var written = 0;
        var window = history.AsSpan(next, taps);
        while (outputIndex + active.HalfLength <= newest)
        {
            output[written++] = ToSample(Dot(window, active.Phase(outputPhase)));
            outputCount++;
            outputPhase += active.Decimation;
            while (outputPhase >= active.Interpolation)
            {
                outputPhase -= active.Interpolation;
                outputIndex++;
            }
        }

        return written;
    }

    private static float Dot(ReadOnlySpan<float> samples, ReadOnlySpan<float> weights)
    {
        var width = Vector<float>.Count;
        ref var sample = ref MemoryMarshal.GetReference(samples);
        ref var weight = ref MemoryMarshal.GetReference(weights);
        var sums = Vector<float>.Zero;
        var i = 0;
        for (; i <= samples.Length - width; i += width)
        {
            sums += Vector.LoadUnsafe(ref sample, (nuint)i) * Vector.LoadUnsafe(ref weight, (nuint)i);
        }

        var total = Vector.Sum(sums);
        for (; i < samples.Length; i++)
        {
            total += samples[i] * weights[i];
        }

        return total;
    }

    private static short ToSample(float value) =>
        (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);
}
