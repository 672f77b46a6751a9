using System.Buffers.Binary;
using SpeakerHub.Cloud.Api.Owner;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>The audio endpoint's format: kept ADPCM blocks as a WAV file a player opens.</summary>
public sealed class WaveFileTests
{
    private const int HeaderLength = 44;

    [Fact]
    public void Kept_blocks_become_a_16_khz_16_bit_mono_wav_of_the_same_length_and_sound()
    {
        var tone = new short[VoiceChunk.FrameSamples * 5];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / VoiceChunk.SampleRate));
        }

        var wav = WaveFile.FromAdpcm(Encode(tone));

        Assert.Equal("RIFFWAVEfmt data", System.Text.Encoding.ASCII.GetString([.. wav[..4], .. wav[8..16], .. wav[36..40]]));
        Assert.Equal((1, 1, VoiceChunk.SampleRate, 16), (Int16(wav, 20), Int16(wav, 22), BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)), Int16(wav, 34)));
        Assert.Equal(tone.Length * 2, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)));

        // From the second frame on: ADPCM starts at its smallest step and needs a few milliseconds to adapt.
        var worst = Enumerable.Range(VoiceChunk.FrameSamples, tone.Length - VoiceChunk.FrameSamples)
            .Max(i => Math.Abs(Int16(wav, HeaderLength + (2 * i)) - tone[i]));
        Assert.True(worst < 1000, $"Decoded samples stray up to {worst} from the tone.");
    }

    [Fact]
    public void A_damaged_block_plays_as_silence_and_the_rest_keeps_its_place()
    {
        var tone = Enumerable.Repeat((short)5000, VoiceChunk.FrameSamples * 2).ToArray();
        var blocks = Encode(tone);
        blocks[ImaAdpcm.StepIndexOffset] = ImaAdpcm.MaxStepIndex + 1;

        var wav = WaveFile.FromAdpcm(blocks);

        Assert.Equal(0, Int16(wav, HeaderLength + 2));
        Assert.NotEqual(0, Int16(wav, HeaderLength + (2 * (VoiceChunk.FrameSamples + 10))));
    }

    private static byte[] Encode(short[] samples)
    {
        var encoder = new AdpcmEncoder();
        var frames = samples.Length / VoiceChunk.FrameSamples;
        var blocks = new byte[frames * VoiceChunk.BlockLength];
        for (var frame = 0; frame < frames; frame++)
        {
            encoder.Encode(samples, frame * VoiceChunk.FrameSamples, VoiceChunk.FrameSamples, blocks, frame * VoiceChunk.BlockLength);
        }

        return blocks;
    }

    private static short Int16(byte[] wav, int offset) => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset));
}
