using System.Text.Json;
using CsCheck;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class MessageRoundTripTests
{
    private static readonly JsonSerializerOptions FieldsOnly = new() { IncludeFields = true };

    [Fact]
    public void Every_message_type_decodes_to_exactly_what_was_encoded()
    {
        MessageGenerators.Any.Sample(message =>
        {
            byte[]? bytes = message.ToBytes();
            Assert.NotNull(bytes);

            var envelope = new Envelope();
            Assert.Equal(ProtocolError.None, envelope.Read(bytes));
            Assert.Equal(message.Type, envelope.Type);

            Message decoded = MessageGenerators.EmptyLike(message);
            Assert.Equal(ProtocolError.None, decoded.ReadFrom(envelope));
            Assert.Equal(Describe(message), Describe(decoded));
        });
    }

    [Fact]
    public void A_reused_message_instance_keeps_no_field_from_the_previous_decode()
    {
        var first = new Reply { CorrelationId = 1, Text = "first", Intent = "Clock", ExpectsFollowUp = true }.ToBytes()!;
        var second = new Reply { CorrelationId = 2, Text = "second" }.ToBytes()!;
        var reply = new Reply();

        Assert.Equal(ProtocolError.None, reply.ReadFrom(first, 0, first.Length));
        Assert.Equal(ProtocolError.None, reply.ReadFrom(second, 0, second.Length));

        Assert.Equal("second", reply.Text);
        Assert.Null(reply.Intent);
        Assert.False(reply.ExpectsFollowUp);
    }

    [Fact]
    public void A_trace_context_travels_in_the_envelope_and_leaves_the_fields_intact()
    {
        byte[] traceId = Enumerable.Range(1, Envelope.TraceIdLength).Select(i => (byte)i).ToArray();
        byte[] spanId = Enumerable.Range(100, Envelope.SpanIdLength).Select(i => (byte)i).ToArray();
        var writer = new MessageWriter();
        writer.Begin(MessageType.Utterance, 7, 3, 0);
        writer.SetTrace(traceId, spanId);
        writer.WriteString(Utterance.TagText, "what time is it");
        int length = writer.End();

        var envelope = new Envelope();
        Assert.Equal(ProtocolError.None, envelope.Read(writer.Buffer, 0, length));
        Assert.True(envelope.IsTraced);
        Assert.Equal(traceId, envelope.TraceId);
        Assert.Equal(spanId, envelope.SpanId);
        var utterance = new Utterance();
        Assert.Equal(ProtocolError.None, utterance.ReadFrom(envelope));
        Assert.Equal("what time is it", utterance.Text);
    }

    [Fact]
    public void Fields_a_receiver_does_not_know_are_skipped_so_newer_senders_stay_compatible()
    {
        var writer = new MessageWriter();
        writer.Begin(MessageType.Reply, 9, 0, 0);
        writer.WriteString(200, "a field from a future version");
        writer.WriteString(Reply.TagText, "It's noon.");
        writer.WriteInt64(201, 42);
        int length = writer.End();

        var reply = new Reply();
        Assert.Equal(ProtocolError.None, reply.ReadFrom(writer.Buffer, 0, length));
        Assert.Equal("It's noon.", reply.Text);
    }

    [Fact]
    public void A_writer_that_runs_out_of_room_reports_it_instead_of_throwing()
    {
        var writer = new MessageWriter(32);
        int length = new Utterance { CorrelationId = 1, Text = new string('x', 100) }.WriteTo(writer);

        Assert.Equal(-1, length);
        Assert.Equal(ProtocolError.BufferTooSmall, writer.Error);
    }

    [Fact]
    public void A_twin_patch_carries_only_the_properties_that_were_set()
    {
        var desired = new TwinPatch(reported: false) { Version = 4 };
        desired.SetVolume(5);
        byte[] bytes = desired.ToBytes()!;

        var decoded = new TwinPatch(reported: false);
        Assert.Equal(ProtocolError.None, decoded.ReadFrom(bytes, 0, bytes.Length));
        Assert.True(decoded.Has(TwinPatch.HasVolume));
        Assert.False(decoded.Has(TwinPatch.HasMuted));
        Assert.Equal(5, decoded.Volume);
        Assert.Equal(4, decoded.Version);
    }

    private static string DescribeAudio(AudioChunk audio) =>
        $"{audio.GetType().Name} {audio.CorrelationId} {audio.Sequence} {audio.Flags} {audio.FrameCount} {audio.Format} "
        + Convert.ToHexString(audio.Blocks, audio.BlocksOffset, audio.BlocksLength);

    // An audio chunk's blocks are a view into whatever buffer holds them: compare the bytes, not the view.
    private static string Describe(Message message) => message switch
    {
        VoiceChunk voice => DescribeAudio(voice) + $" {voice.Trigger}",
        AudioChunk audio => DescribeAudio(audio),
        _ => message.GetType().Name + JsonSerializer.Serialize(message, message.GetType(), FieldsOnly),
    };
}
