using CsCheck;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class MalformedInputTests
{
    [Fact]
    public void Every_truncation_of_a_valid_message_is_reported_as_an_error_and_never_throws()
    {
        MessageGenerators.Any.Sample(message =>
        {
            byte[] bytes = message.ToBytes()!;
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                Assert.NotEqual(ProtocolError.None, Decode(message, bytes, cut));
            }
        }, iter: 200);
    }

    [Fact]
    public void Random_bytes_never_make_a_decoder_throw_or_read_outside_its_range()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, 16]).Sample((bytes, padding) =>
        {
            // The message sits inside a larger buffer: any read past count would see the 0xEE guard
            // bytes and, for fields, fail the length checks below.
            byte[] framed = new byte[bytes.Length + (2 * padding)];
            Array.Fill(framed, (byte)0xEE);
            bytes.CopyTo(framed, padding);
            var envelope = new Envelope();
            ProtocolError error = envelope.Read(framed, padding, bytes.Length);
            if (error == ProtocolError.None)
            {
                Assert.InRange(envelope.PayloadOffset, padding, padding + bytes.Length);
                Assert.InRange(envelope.PayloadOffset + envelope.PayloadLength, padding, padding + bytes.Length);
                foreach (Message candidate in AllEmptyMessages())
                {
                    candidate.ReadFrom(envelope);
                }
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Single_bit_flips_in_a_valid_message_are_decoded_or_rejected_but_never_throw()
    {
        MessageGenerators.Any.Sample(message =>
        {
            byte[] bytes = message.ToBytes()!;
            for (int bit = 0; bit < bytes.Length * 8; bit++)
            {
                byte[] flipped = (byte[])bytes.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                Decode(MessageGenerators.EmptyLike(message), flipped, flipped.Length);
            }
        }, iter: 100);
    }

    [Fact]
    public void An_unknown_envelope_version_is_refused()
    {
        byte[] bytes = new Status { Online = true }.ToBytes()!;
        bytes[0] = 2;
        Assert.Equal(ProtocolError.UnsupportedVersion, new Envelope().Read(bytes));
    }

    [Fact]
    public void An_undefined_message_type_is_refused()
    {
        byte[] bytes = new Status { Online = true }.ToBytes()!;
        bytes[1] = 200;
        Assert.Equal(ProtocolError.UnexpectedType, new Envelope().Read(bytes));
    }

    [Fact]
    public void Bytes_after_the_declared_payload_are_refused()
    {
        byte[] bytes = [.. new Status { Online = true }.ToBytes()!, 0];
        Assert.Equal(ProtocolError.TrailingBytes, new Envelope().Read(bytes));
    }

    [Fact]
    public void A_payload_length_above_the_limit_is_refused_before_anything_is_read()
    {
        byte[] header = new byte[Envelope.HeaderLength];
        header[0] = Envelope.CurrentVersion;
        header[1] = MessageType.Event;
        BigEndian.WriteUInt16(header, 12, Envelope.MaxPayloadLength + 1);
        Assert.Equal(ProtocolError.TooLarge, new Envelope().Read(header));
    }

    [Fact]
    public void A_message_decoded_as_the_wrong_type_is_refused()
    {
        byte[] bytes = new Status { Online = true }.ToBytes()!;
        Assert.Equal(ProtocolError.UnexpectedType, new Hello().ReadFrom(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Invalid_utf8_text_is_refused()
    {
        var writer = new MessageWriter();
        writer.Begin(MessageType.Utterance, 1, 0, 0);
        writer.WriteBytes(Utterance.TagText, [0x68, 0xC3, 0x28], 0, 3);
        int length = writer.End();

        Assert.Equal(ProtocolError.BadText, new Utterance().ReadFrom(writer.Buffer, 0, length));
    }

    [Fact]
    public void A_number_field_of_the_wrong_width_is_refused()
    {
        var writer = new MessageWriter();
        writer.Begin(MessageType.Telemetry, 0, 0, 0);
        writer.WriteBytes(Telemetry.TagRssi, [1, 2, 3], 0, 3);
        int length = writer.End();

        Assert.Equal(ProtocolError.BadFieldLength, new Telemetry().ReadFrom(writer.Buffer, 0, length));
    }

    [Fact]
    public void Missing_required_fields_and_out_of_range_values_are_refused()
    {
        Assert.Equal(ProtocolError.MissingField, Decode(new Command(), new Command { CorrelationId = 0, Name = "mute" }));
        Assert.Equal(ProtocolError.MissingField, Decode(new Hello(), new Hello { Model = "m" }));
        var loud = new TwinPatch(reported: true) { Version = 1 };
        loud.SetVolume(TwinPatch.MaxVolume + 1);
        Assert.Equal(ProtocolError.OutOfRange, Decode(new TwinPatch(reported: true), loud));
    }

    [Fact]
    public void Decoding_a_null_or_out_of_bounds_range_is_an_error_not_an_exception()
    {
        var envelope = new Envelope();
        Assert.Equal(ProtocolError.Truncated, envelope.Read(null!));
        Assert.Equal(ProtocolError.Truncated, envelope.Read(new byte[20], 10, 20));
        Assert.Equal(ProtocolError.Truncated, envelope.Read(new byte[20], -1, 5));
    }

    private static ProtocolError Decode(Message into, Message from)
    {
        var writer = new MessageWriter();
        writer.Begin(from.Type, from.CorrelationId, from.Sequence, 0);
        from.WriteTo(writer);
        return into.ReadFrom(writer.Buffer, 0, writer.Length);
    }

    private static ProtocolError Decode(Message into, byte[] bytes, int count) => into.ReadFrom(bytes, 0, count);

    private static IEnumerable<Message> AllEmptyMessages() =>
    [
        new Hello(), new Status(), new Telemetry(), new TwinPatch(true), new TwinPatch(false), new Command(),
        new CommandResult(), new Utterance(), new Reply(), new DeviceEvent(), new VoiceChunk(), new ReplyAudio(),
    ];
}
