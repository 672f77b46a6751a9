using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class UplinkCheckTests
{
    private static readonly byte[] Will = System.Text.Encoding.ASCII.GetBytes(StatusText.Format("lost"));

    [Fact]
    public void The_ascii_will_passes_on_the_status_topic_and_reads_as_offline()
    {
        var status = new Status { Online = true };

        Assert.Equal(ProtocolError.None, UplinkCheck.Check(Topics.Status, Will, new Envelope(), status, out bool isText));
        Assert.True(isText);
        Assert.False(status.Online);
    }

    [Fact]
    public void The_ascii_will_is_refused_on_any_other_topic()
    {
        Assert.NotEqual(ProtocolError.None, UplinkCheck.Check(Topics.Event, Will, new Envelope(), new Status(), out bool isText));
        Assert.False(isText);
    }

    [Fact]
    public void An_envelope_passes_only_on_a_topic_that_carries_its_type()
    {
        byte[] hello = new Hello { FirmwareVersion = "1.0", Model = "m" }.ToBytes()!;
        var envelope = new Envelope();

        Assert.Equal(ProtocolError.None, UplinkCheck.Check(Topics.Hello, hello, envelope, new Status(), out bool isText));
        Assert.False(isText);
        Assert.Equal(MessageType.Hello, envelope.Type);
        Assert.Equal(ProtocolError.UnexpectedType, UplinkCheck.Check(Topics.Twin, hello, envelope, new Status(), out _));
    }

    [Fact]
    public void Missing_or_oversized_payloads_are_refused_before_they_are_read()
    {
        Assert.Equal(ProtocolError.Truncated, UplinkCheck.Check(Topics.Hello, null!, new Envelope(), new Status(), out _));
        Assert.Equal(ProtocolError.TooLarge, UplinkCheck.Check(Topics.Hello, new byte[Envelope.MaxMessageLength + 1], new Envelope(), new Status(), out _));
    }
}
