using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class ReplyAudioTests
{
    private const uint InteractionId = 0x0005_0002;

    // Header 14 + frame count field 4 + format field 4 + blocks field 3 + 25 × 164.
    private const int FullMessageLength = 4125;

    [Fact]
    public void A_full_chunk_of_twenty_five_frames_has_the_documented_layout_and_decodes_without_copying()
    {
        ReplyAudio chunk = MessageGenerators.Audio(new ReplyAudio(), InteractionId, ReplyAudio.MaxFrames, seed: 3);
        chunk.Sequence = 50;
        byte[] bytes = chunk.ToBytes()!;

        Assert.Equal(FullMessageLength, bytes.Length);
        Assert.Equal(MessageType.ReplyAudio, bytes[1]);
        Assert.True(bytes.Length <= ReplyAudio.MaxMessageLength);
        var decoded = new ReplyAudio();
        Assert.Equal(ProtocolError.None, decoded.ReadFrom(bytes, 0, bytes.Length));
        Assert.Equal((InteractionId, 50u, false, ReplyAudio.MaxFrames), (decoded.CorrelationId, decoded.Sequence, decoded.IsFinal, decoded.FrameCount));
        Assert.Same(bytes, decoded.Blocks);
        short[] pcm = new short[AudioChunk.FrameSamples];
        Assert.Equal(AudioChunk.FrameSamples, AdpcmDecoder.Decode(decoded.Blocks, decoded.BlockOffset(24), AudioChunk.BlockLength, pcm, 0));
    }

    [Fact]
    public void A_stream_may_end_with_an_empty_final_chunk_but_no_other_chunk_may_be_empty()
    {
        Assert.Equal(ProtocolError.None, Decode(Empty(final: true)));
        Assert.Equal(ProtocolError.MissingField, Decode(Empty(final: false)));

        var emptyVoice = new VoiceChunk { CorrelationId = InteractionId, Format = AudioChunk.FormatAdpcm16kHz20ms, Flags = Envelope.FlagFinal };
        byte[] bytes = emptyVoice.ToBytes()!;
        Assert.Equal(ProtocolError.MissingField, new VoiceChunk().ReadFrom(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Inconsistent_or_unknown_reply_audio_is_refused()
    {
        Assert.Equal(ProtocolError.MissingField, Decode(Valid(chunk => chunk.CorrelationId = 0)));
        Assert.Equal(ProtocolError.MissingField, Decode(Valid(chunk => chunk.Format = 0)));
        Assert.Equal(ProtocolError.OutOfRange, Decode(Valid(chunk => chunk.Format = 2)));
        Assert.Equal(ProtocolError.BadFieldLength, Decode(Valid(chunk => chunk.FrameCount = 1)));
        Assert.Equal(ProtocolError.BadFieldLength, Decode(Valid(chunk => chunk.BlocksLength--)));
        Assert.Equal(ProtocolError.OutOfRange, Decode(Valid(chunk => chunk.Blocks[AudioChunk.BlockLength + ImaAdpcm.StepIndexOffset] = 89)));
        Assert.Equal(ProtocolError.BadFieldLength, Decode(Valid(chunk =>
        {
            chunk.FrameCount = 0;
            chunk.Flags = Envelope.FlagFinal;
        })));

        ReplyAudio tooLong = MessageGenerators.Audio(new ReplyAudio(), InteractionId, ReplyAudio.MaxFrames + 1, seed: 5);
        Assert.Equal(ProtocolError.OutOfRange, Decode(tooLong));
    }

    [Fact]
    public void A_reply_says_whether_audio_follows_and_an_older_reply_without_the_field_reads_as_text_only()
    {
        byte[] spoken = new Reply { CorrelationId = 9, Text = "It is noon.", AudioFollows = true }.ToBytes()!;
        byte[] textOnly = new Reply { CorrelationId = 9, Text = "It is noon." }.ToBytes()!;
        var reply = new Reply();

        Assert.Equal(ProtocolError.None, reply.ReadFrom(spoken, 0, spoken.Length));
        Assert.True(reply.AudioFollows);
        Assert.Equal(ProtocolError.None, reply.ReadFrom(textOnly, 0, textOnly.Length));
        Assert.False(reply.AudioFollows);
        Assert.True(spoken.Length > textOnly.Length);
    }

    [Fact]
    public void Announcement_ids_are_the_ones_with_the_top_bit_set()
    {
        Assert.True(Reply.IsAnnouncementId(Reply.AnnouncementIdBit | 1));
        Assert.False(Reply.IsAnnouncementId(0x7FFF_FFFF));
    }

    [Theory]
    [InlineData(VoiceChunk.TriggerButton)]
    [InlineData(VoiceChunk.TriggerWake)]
    [InlineData(VoiceChunk.TriggerFollowUp)]
    public void A_voice_chunk_carries_its_trigger(byte trigger)
    {
        byte[] bytes = MessageGenerators.Voice(InteractionId, 1, seed: 1, trigger).ToBytes()!;
        var decoded = new VoiceChunk();

        Assert.Equal(ProtocolError.None, decoded.ReadFrom(bytes, 0, bytes.Length));
        Assert.Equal(trigger, decoded.Trigger);
    }

    [Fact]
    public void A_voice_chunk_without_a_trigger_reads_as_zero_and_an_unknown_trigger_is_refused()
    {
        byte[] absent = MessageGenerators.Voice(InteractionId, 1, seed: 1).ToBytes()!;
        byte[] unknown = MessageGenerators.Voice(InteractionId, 1, seed: 1, trigger: VoiceChunk.TriggerFollowUp + 1).ToBytes()!;
        var decoded = new VoiceChunk();

        Assert.Equal(ProtocolError.None, decoded.ReadFrom(absent, 0, absent.Length));
        Assert.Equal(0, decoded.Trigger);
        Assert.Equal(ProtocolError.OutOfRange, decoded.ReadFrom(unknown, 0, unknown.Length));
    }

    private static ReplyAudio Empty(bool final) => new()
    {
        CorrelationId = InteractionId,
        Sequence = 75,
        Format = AudioChunk.FormatAdpcm16kHz20ms,
        Flags = final ? Envelope.FlagFinal : (byte)0,
    };

    private static ReplyAudio Valid(Action<ReplyAudio> spoil)
    {
        ReplyAudio chunk = MessageGenerators.Audio(new ReplyAudio(), InteractionId, frames: 2, seed: 7);
        spoil(chunk);
        return chunk;
    }

    private static ProtocolError Decode(ReplyAudio chunk)
    {
        byte[] bytes = chunk.ToBytes()!;
        return new ReplyAudio().ReadFrom(bytes, 0, bytes.Length);
    }
}
