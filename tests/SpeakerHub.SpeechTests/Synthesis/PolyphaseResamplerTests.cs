using CsCheck;
using SpeakerHub.Cloud.Speech.Audio;

namespace SpeakerHub.SpeechTests.Synthesis;

public sealed class PolyphaseResamplerTests
{
    private const int OutputRate = 16_000;
    private const double Amplitude = 10_000;

    [Theory]
    [InlineData(22_050)]
    [InlineData(8_000)]
    [InlineData(11_025)]
    [InlineData(44_100)]
    [InlineData(48_000)]
    public void A_1_kHz_tone_comes_out_at_1_kHz_with_its_level_within_1_dB(int inputRate)
    {
        var input = Pcm.Tone(1000, Amplitude, inputRate, seconds: 1.5);

        var output = PolyphaseResampler.Resample(input, inputRate, OutputRate);

        // One second from the middle: exactly 1000 periods, clear of the filter's start and end.
        var steady = output.AsSpan(OutputRate / 4, OutputRate);
        Assert.InRange(Pcm.ZeroCrossingFrequency(steady, OutputRate), 995, 1005);
        Assert.InRange(Pcm.Decibels(Pcm.AmplitudeAt(steady, 1000, OutputRate) / Amplitude), -1.0, 1.0);
    }

    [Fact]
    public void A_10_kHz_tone_above_the_new_nyquist_frequency_is_attenuated_by_more_than_40_dB()
    {
        var input = Pcm.Tone(10_000, Amplitude, 22_050, seconds: 1.5);

        var output = PolyphaseResampler.Resample(input, 22_050, OutputRate);

        var steady = output.AsSpan(OutputRate / 4, OutputRate);
        var attenuation = Pcm.Decibels(Pcm.Rms(steady) / Pcm.Rms(input));
        Assert.True(attenuation < -40, $"{attenuation:F1} dB");
    }

    [Fact]
    public void Resampling_in_chunks_of_any_size_equals_resampling_in_one_go()
    {
        (int Input, int Output)[] pairs = [(22_050, 16_000), (8_000, 16_000), (44_100, 16_000), (48_000, 16_000), (16_000, 16_000)];
        var rates = Gen.Int[0, pairs.Length - 1].Select(index => pairs[index]);
        Gen.Select(Gen.Short.Array[0, 4000], Gen.Int[1, 900].Array[1, 40], rates).Sample((input, chunkSizes, pair) =>
        {
            var (inputRate, outputRate) = pair;
            var whole = PolyphaseResampler.Resample(input, inputRate, outputRate);

            var resampler = new PolyphaseResampler(inputRate, outputRate);
            var chunked = new List<short>();
            var offset = 0;
            for (var i = 0; offset < input.Length; i++)
            {
                var chunk = input.AsSpan(offset, Math.Min(chunkSizes[i % chunkSizes.Length], input.Length - offset));
                var output = new short[resampler.MaxOutputLength(chunk.Length)];
                chunked.AddRange(output.AsSpan(0, resampler.Process(chunk, output)));
                offset += chunk.Length;
            }

            var tail = new short[resampler.MaxOutputLength(0)];
            chunked.AddRange(tail.AsSpan(0, resampler.Flush(tail)));

            Assert.Equal(whole, chunked);
        }, iter: 200);
    }

    [Theory]
    [InlineData(22_050, 22_050, 16_000)]
    [InlineData(22_050, 1, 1)]
    [InlineData(8_000, 8_000, 16_000)]
    [InlineData(48_000, 4_801, 1_601)]
    public void The_output_lasts_exactly_as_long_as_the_input(int inputRate, int inputLength, int expectedLength)
    {
        var output = PolyphaseResampler.Resample(new short[inputLength], inputRate, OutputRate);

        Assert.Equal(expectedLength, output.Length);
    }

    [Fact]
    public void A_resampler_used_for_a_second_stream_gives_what_a_fresh_one_gives()
    {
        var first = Pcm.Tone(440, Amplitude, 22_050, seconds: 0.2);
        var second = Pcm.Tone(3000, Amplitude, 22_050, seconds: 0.2);
        var reused = new PolyphaseResampler(22_050, OutputRate);
        var output = new short[reused.MaxOutputLength(first.Length)];
        reused.Process(first, output);
        reused.Flush(output);

        var written = reused.Process(second, output);
        written += reused.Flush(output.AsSpan(written));

        Assert.Equal(PolyphaseResampler.Resample(second, 22_050, OutputRate), output[..written]);
    }
}
