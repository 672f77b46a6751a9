using SpeakerHub.Cloud.Speech.Audio;
using SpeakerHub.SpeechTests.Synthesis;

namespace SpeakerHub.SpeechTests.Audio;

public sealed class NoiseSuppressorTests
{
    private const int SampleRate = 16_000;
    private const int Frame = 320;

    [Fact]
    public void With_a_gain_floor_of_one_the_audio_comes_out_unchanged_sample_for_sample_after_the_flush()
    {
        var input = Noise(SampleRate, 3_000, seed: 1);
        var suppressor = new NoiseSuppressor(gainFloor: 1);

        var output = Run(suppressor, input);

        Assert.Equal(input.Length, output.Length);
        Assert.All(Enumerable.Range(0, input.Length), i => Assert.InRange(output[i] - input[i], -1, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(320)]
    [InlineData(1_000)]
    public void Every_sample_fed_comes_out_once_whatever_the_length(int length)
    {
        var output = Run(new NoiseSuppressor(), Noise(length, 1_000, seed: 2));

        Assert.Equal(length, output.Length);
    }

    [Fact]
    public void In_a_quiet_room_the_audio_passes_untouched()
    {
        var input = NoiseThenTone(noiseRms: 20, toneRms: 3_000, seed: 8);

        var output = Run(new NoiseSuppressor(), input);

        Assert.Equal(input, output);
    }

    [Fact]
    public void Nothing_fed_gives_nothing_out()
    {
        Assert.Empty(Run(new NoiseSuppressor(), []));
    }

    [Fact]
    public void Steady_noise_after_the_opening_is_brought_down_by_at_least_6_dB()
    {
        var input = Noise(2 * SampleRate, 2_000, seed: 3);

        var output = Run(new NoiseSuppressor(), input);

        var after = SampleRate / 2;
        var reduction = Pcm.Decibels(Pcm.Rms(output.AsSpan(after)) / Pcm.Rms(input.AsSpan(after)));
        Assert.True(reduction < -6, $"{reduction:F1} dB");
    }

    [Fact]
    public void A_tone_20_dB_above_the_noise_keeps_its_level_within_1_dB()
    {
        var input = NoiseThenTone(noiseRms: 1_000, toneRms: 10_000, seed: 4);

        var output = Run(new NoiseSuppressor(), input);

        Assert.InRange(ToneChange(input, output), -1.0, 1.0);
    }

    [Fact]
    public void Speech_from_the_first_sample_without_pre_roll_is_not_taken_for_noise()
    {
        // Syllables of a 1 kHz tone, 150 ms on and 50 ms off, from the very first sample (push-to-talk).
        var noise = Noise(2 * SampleRate, 300, seed: 7);
        var tone = Pcm.Tone(1_000, 10_000 * Math.Sqrt(2), SampleRate, seconds: 2);
        var input = new short[noise.Length];
        for (var i = 0; i < input.Length; i++)
        {
            var voiced = i % (SampleRate / 5) < SampleRate * 3 / 20;
            input[i] = (short)Math.Clamp(noise[i] + (voiced ? tone[i] : 0), short.MinValue, short.MaxValue);
        }

        var output = Run(new NoiseSuppressor(), input);

        var opening = input.AsSpan(0, SampleRate * 3 / 20);
        var change = Pcm.Decibels(Pcm.AmplitudeAt(output.AsSpan(0, opening.Length), 1_000, SampleRate) / Pcm.AmplitudeAt(opening, 1_000, SampleRate));
        Assert.InRange(change, -1.0, 1.0);
        Assert.InRange(ToneChange(input, output), -1.0, 1.0);
    }

    [Fact]
    public void After_a_reset_the_next_utterance_learns_its_own_noise()
    {
        var suppressor = new NoiseSuppressor();
        Run(suppressor, Noise(SampleRate, 20_000, seed: 5));
        suppressor.Reset();

        // A quiet room and a tone 20 dB over it, yet far under the loud noise before the reset.
        var input = NoiseThenTone(noiseRms: 100, toneRms: 1_000, seed: 6);
        var output = Run(suppressor, input);

        Assert.InRange(ToneChange(input, output), -1.0, 1.0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void A_gain_floor_outside_zero_to_one_is_refused(double floor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseSuppressor(floor));
    }

    private static short[] Run(NoiseSuppressor suppressor, short[] input)
    {
        var output = new List<short>(input.Length);
        for (var offset = 0; offset < input.Length; offset += Frame)
        {
            suppressor.Process(input.AsSpan(offset, Math.Min(Frame, input.Length - offset)), hop => output.AddRange(hop.Span));
        }

        suppressor.Flush(hop => output.AddRange(hop.Span));
        return [.. output];
    }

    /// <summary>300 ms of noise alone, as the device's pre-roll, then a 1 kHz tone over the same noise; two seconds in all.</summary>
    private static short[] NoiseThenTone(double noiseRms, double toneRms, int seed)
    {
        var noise = Noise(2 * SampleRate, noiseRms, seed);
        var tone = Pcm.Tone(1_000, toneRms * Math.Sqrt(2), SampleRate, seconds: 2);
        var start = SampleRate * 3 / 10;
        var mixed = new short[noise.Length];
        for (var i = 0; i < mixed.Length; i++)
        {
            mixed[i] = (short)Math.Clamp(noise[i] + (i >= start ? tone[i] : 0), short.MinValue, short.MaxValue);
        }

        return mixed;
    }

    /// <summary>How much the tone's level changed, measured over half a second from the middle.</summary>
    private static double ToneChange(short[] input, short[] output)
    {
        var before = input.AsSpan(SampleRate, SampleRate / 2);
        var after = output.AsSpan(SampleRate, SampleRate / 2);
        return Pcm.Decibels(Pcm.AmplitudeAt(after, 1_000, SampleRate) / Pcm.AmplitudeAt(before, 1_000, SampleRate));
    }

    private static short[] Noise(int length, double rms, int seed)
    {
        var random = new Random(seed);
        var noise = new short[length];
        for (var i = 0; i < length; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            noise[i] = (short)Math.Clamp(Math.Round(normal * rms), short.MinValue, short.MaxValue);
        }

        return noise;
    }
}
