using CsCheck;
using SpeakerHub.Protocol.Audio;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class AdpcmTests
{
    private const int FrameSamples = 320;

    [Fact]
    public void A_20ms_frame_compresses_four_to_one_plus_a_four_byte_header()
    {
        Assert.Equal(164, ImaAdpcm.BlockLength(FrameSamples));
    }

    [Fact]
    public void Speech_band_tones_survive_a_round_trip_with_at_least_20_dB_signal_to_noise()
    {
        foreach (double frequency in new[] { 200.0, 440.0, 1000.0, 3000.0 })
        {
            short[] input = Tone(frequency, amplitude: 12000, samples: FrameSamples * 50);
            short[] output = RoundTrip(input);

            Assert.True(SignalToNoiseDb(input, output) >= 20.0, $"{frequency} Hz: {SignalToNoiseDb(input, output):F1} dB");
        }
    }

    [Fact]
    public void The_error_on_any_signal_is_bounded_by_the_step_size_once_the_coder_has_adapted()
    {
        // IMA ADPCM tracks within one quantiser step of the input; the largest step is 32767, so the
        // useful bound is on smooth input: random slow-moving signals stay close after adaptation.
        Gen.Int[-20000, 20000].Array[8, 8].Sample(anchors =>
        {
            short[] input = Smooth(anchors, FrameSamples * 4);
            short[] output = RoundTrip(input);
            for (int i = FrameSamples; i < input.Length; i++)
            {
                Assert.InRange(Math.Abs(input[i] - output[i]), 0, 2500);
            }
        }, iter: 200);
    }

    [Fact]
    public void Each_block_decodes_on_its_own_so_a_lost_message_does_not_corrupt_the_next()
    {
        short[] input = Tone(440, 10000, FrameSamples * 3);
        var encoder = new AdpcmEncoder();
        byte[][] blocks = new byte[3][];
        for (int frame = 0; frame < 3; frame++)
        {
            blocks[frame] = new byte[ImaAdpcm.BlockLength(FrameSamples)];
            encoder.Encode(input, frame * FrameSamples, FrameSamples, blocks[frame], 0);
        }

        short[] thirdAlone = new short[FrameSamples];
        AdpcmDecoder.Decode(blocks[2], 0, blocks[2].Length, thirdAlone, 0);
        short[] all = RoundTrip(input);

        Assert.Equal(all.AsSpan(2 * FrameSamples).ToArray(), thirdAlone);
    }

    [Fact]
    public void A_block_with_an_impossible_step_index_or_bad_bounds_is_refused()
    {
        byte[] block = new byte[ImaAdpcm.BlockLength(FrameSamples)];
        block[2] = ImaAdpcm.MaxStepIndex + 1;
        short[] output = new short[FrameSamples];

        Assert.Equal(-1, AdpcmDecoder.Decode(block, 0, block.Length, output, 0));
        Assert.Equal(-1, AdpcmDecoder.Decode(new byte[10], 0, 20, output, 0));
        Assert.Equal(-1, AdpcmDecoder.Decode(new byte[164], 0, 164, new short[100], 0));
        Assert.Equal(-1, new AdpcmEncoder().Encode(new short[FrameSamples], 0, FrameSamples, new byte[100], 0));
    }

    private static short[] RoundTrip(short[] input)
    {
        var encoder = new AdpcmEncoder();
        byte[] block = new byte[ImaAdpcm.BlockLength(FrameSamples)];
        short[] output = new short[input.Length];
        for (int offset = 0; offset < input.Length; offset += FrameSamples)
        {
            int written = encoder.Encode(input, offset, FrameSamples, block, 0);
            Assert.Equal(FrameSamples, AdpcmDecoder.Decode(block, 0, written, output, offset));
        }

        return output;
    }

    private static short[] Tone(double frequency, double amplitude, int samples) =>
        Enumerable.Range(0, samples).Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / 16000))).ToArray();

    private static short[] Smooth(int[] anchors, int samples)
    {
        var result = new short[samples];
        int span = samples / (anchors.Length - 1);
        for (int i = 0; i < samples; i++)
        {
            int segment = Math.Min(i / span, anchors.Length - 2);
            double t = (i - (segment * span)) / (double)span;
            double eased = (1 - Math.Cos(Math.PI * t)) / 2;
            result[i] = (short)(anchors[segment] + ((anchors[segment + 1] - anchors[segment]) * eased));
        }

        return result;
    }

    private static double SignalToNoiseDb(short[] reference, short[] decoded)
    {
        double signal = 0, noise = 0;
        for (int i = FrameSamples; i < reference.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            double e = reference[i] - decoded[i];
            noise += e * e;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1));
    }
}
