using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class VoiceChunkTests
{
    private const uint InteractionId = 0x0003_0007;

    // Header 14 + format field 4 + trigger field 4 + blocks field 3 + 3 × 164 + frame count field 4.
    private const int ThreeFrameMessageLength = 521;

    [Fact]
    public void Frames_encoded_in_place_decode_back_to_the_captured_speech_within_the_adpcm_error_bound()
    {
        short[] pcm = Speech(VoiceChunk.FrameSamples * 3);
        var chunk = new VoiceChunkWriter(new MessageWriter(VoiceChunk.MaxMessageLength));
        var encoder = new AdpcmEncoder();

        Assert.True(chunk.Begin(InteractionId, firstFrame: 6, VoiceChunk.TriggerWake));
        for (int frame = 0; frame < 3; frame++)
        {
            Assert.True(chunk.AddFrame(encoder, pcm, frame * VoiceChunk.FrameSamples));
        }

        Assert.False(chunk.AddFrame(encoder, pcm, 0));
        int length = chunk.End(final: true);

        Assert.Equal(ThreeFrameMessageLength, length);
        var decoded = new VoiceChunk();
        Assert.Equal(ProtocolError.None, decoded.ReadFrom(chunk.Writer.Buffer, 0, length));
        Assert.Equal((InteractionId, 6u, true, 3), (decoded.CorrelationId, decoded.Sequence, decoded.IsFinal, decoded.FrameCount));
        Assert.Equal(VoiceChunk.FormatAdpcm16kHz20ms, decoded.Format);
        Assert.Equal(VoiceChunk.TriggerWake, decoded.Trigger);
        Assert.Same(chunk.Writer.Buffer, decoded.Blocks);

        short[] played = new short[pcm.Length];
        for (int frame = 0; frame < 3; frame++)
        {
            int samples = AdpcmDecoder.Decode(
                decoded.Blocks, decoded.BlockOffset(frame), VoiceChunk.BlockLength, played, frame * VoiceChunk.FrameSamples);
            Assert.Equal(VoiceChunk.FrameSamples, samples);
        }

        // The coder needs a few dozen samples to adapt its step from silence; after that it tracks within
        // a step of smooth speech-band input.
        for (int i = 64; i < pcm.Length; i++)
        {
            Assert.InRange(Math.Abs(pcm[i] - played[i]), 0, 1500);
        }
    }

    [Fact]
    public void A_chunk_is_final_only_when_ended_as_final_and_carries_as_many_frames_as_were_added()
    {
        short[] pcm = Speech(VoiceChunk.FrameSamples);
        var chunk = new VoiceChunkWriter(new MessageWriter(VoiceChunk.MaxMessageLength));
        chunk.Begin(InteractionId, firstFrame: 0, VoiceChunk.TriggerButton);
        chunk.AddFrame(new AdpcmEncoder(), pcm, 0);

        int length = chunk.End(final: false);

        var decoded = new VoiceChunk();
        Assert.Equal(ProtocolError.None, decoded.ReadFrom(chunk.Writer.Buffer, 0, length));
        Assert.Equal((false, 1, VoiceChunk.BlockLength), (decoded.IsFinal, decoded.FrameCount, decoded.BlocksLength));
        Assert.Equal(-1, chunk.End(final: true));
    }

    [Fact]
    public void A_chunk_without_frames_is_never_written()
    {
        var chunk = new VoiceChunkWriter(new MessageWriter(VoiceChunk.MaxMessageLength));
        chunk.Begin(InteractionId, firstFrame: 0, VoiceChunk.TriggerButton);

        Assert.Equal(-1, chunk.End(final: true));
    }

    [Fact]
    public void Writing_and_reading_voice_chunks_allocates_nothing_after_the_first()
    {
        short[] pcm = Speech(VoiceChunk.FrameSamples * 3);
        var chunk = new VoiceChunkWriter(new MessageWriter(VoiceChunk.MaxMessageLength));
        var encoder = new AdpcmEncoder();
        var envelope = new Envelope();
        var decoded = new VoiceChunk();
        short[] played = new short[VoiceChunk.FrameSamples];
        int decodedFrames = WriteAndRead(chunk, encoder, envelope, decoded, pcm, played, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (uint i = 1; i <= 1_000; i++)
        {
            decodedFrames += WriteAndRead(chunk, encoder, envelope, decoded, pcm, played, i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1_001 * 3, decodedFrames);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Inconsistent_or_unknown_voice_chunks_are_refused()
    {
        Assert.Equal(ProtocolError.MissingField, Decode(Valid(chunk => chunk.CorrelationId = 0)));
        Assert.Equal(ProtocolError.MissingField, Decode(Valid(chunk => chunk.Format = 0)));
        Assert.Equal(ProtocolError.OutOfRange, Decode(Valid(chunk => chunk.Format = 2)));
        Assert.Equal(ProtocolError.BadFieldLength, Decode(Valid(chunk => chunk.FrameCount = 1)));
        Assert.Equal(ProtocolError.BadFieldLength, Decode(Valid(chunk => chunk.BlocksLength--)));
        Assert.Equal(ProtocolError.OutOfRange, Decode(Valid(chunk => chunk.Blocks[VoiceChunk.BlockLength + ImaAdpcm.StepIndexOffset] = 89)));

        byte[] four = new byte[VoiceChunk.BlockLength * 4];
        Assert.Equal(ProtocolError.OutOfRange, Decode(Valid(chunk =>
        {
            chunk.FrameCount = 4;
            chunk.SetBlocks(four, 0, four.Length);
        })));
    }

    [Fact]
    public void A_writer_refuses_other_fields_while_one_is_open_and_will_not_seal_an_open_field()
    {
        var writer = new MessageWriter();
        writer.Begin(MessageType.VoiceChunk, 1, 0, 0);
        Assert.True(writer.OpenField(VoiceChunk.TagBlocks, 10) > 0);
        writer.WriteByte(VoiceChunk.TagFrameCount, 1);
        Assert.Equal(ProtocolError.BadFieldLength, writer.Error);

        writer.Begin(MessageType.VoiceChunk, 1, 0, 0);
        writer.OpenField(VoiceChunk.TagBlocks, 10);
        Assert.Equal(-1, writer.End());

        writer.Begin(MessageType.VoiceChunk, 1, 0, 0);
        writer.OpenField(VoiceChunk.TagBlocks, 10);
        writer.CloseField(11);
        Assert.Equal(ProtocolError.BadFieldLength, writer.Error);
    }

    [Fact]
    public void A_writer_refuses_text_while_a_field_is_open_and_leaves_the_open_field_untouched()
    {
        var writer = new MessageWriter();
        writer.Begin(MessageType.VoiceChunk, 1, 0, 0);
        int blocks = writer.OpenField(VoiceChunk.TagBlocks, 10);
        writer.WriteString(1, "over the blocks");

        Assert.Equal(ProtocolError.BadFieldLength, writer.Error);
        Assert.All(writer.Buffer.AsSpan(blocks, 10).ToArray(), b => Assert.Equal(0, b));
    }

    private static int WriteAndRead(
        VoiceChunkWriter chunk, AdpcmEncoder encoder, Envelope envelope, VoiceChunk decoded, short[] pcm, short[] played, uint sequence)
    {
        chunk.Begin(InteractionId, sequence, VoiceChunk.TriggerFollowUp);
        for (int frame = 0; frame < VoiceChunk.MaxFrames; frame++)
        {
            chunk.AddFrame(encoder, pcm, frame * VoiceChunk.FrameSamples);
        }

        int length = chunk.End(final: false);
        if (envelope.Read(chunk.Writer.Buffer, 0, length) != ProtocolError.None || decoded.ReadFrom(envelope) != ProtocolError.None)
        {
            return 0;
        }

        int frames = 0;
        for (int frame = 0; frame < decoded.FrameCount; frame++)
        {
            if (AdpcmDecoder.Decode(decoded.Blocks, decoded.BlockOffset(frame), VoiceChunk.BlockLength, played, 0) == VoiceChunk.FrameSamples)
            {
                frames++;
            }
        }

        return frames;
    }

    private static VoiceChunk Valid(Action<VoiceChunk> spoil)
    {
        VoiceChunk chunk = MessageGenerators.Voice(InteractionId, frames: 2, seed: 7);
        spoil(chunk);
        return chunk;
    }

    private static ProtocolError Decode(VoiceChunk chunk)
    {
        byte[] bytes = chunk.ToBytes()!;
        return new VoiceChunk().ReadFrom(bytes, 0, bytes.Length);
    }

    /// <summary>Two speech-band tones, loud enough to exercise the quantiser's larger steps.</summary>
    private static short[] Speech(int samples)
    {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            double t = (double)i / VoiceChunk.SampleRate;
            pcm[i] = (short)((6000 * Math.Sin(2 * Math.PI * 300 * t)) + (3000 * Math.Sin(2 * Math.PI * 1200 * t)));
        }

        return pcm;
    }
}
