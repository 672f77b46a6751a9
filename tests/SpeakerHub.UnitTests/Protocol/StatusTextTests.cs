using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class StatusTextTests
{
    [Theory]
    [InlineData("offline", null)]
    [InlineData("offline:lost", "lost")]
    [InlineData("offline:power-cut_2", "power-cut_2")]
    public void The_ascii_offline_form_reads_as_an_offline_status_with_its_reason(string text, string? reason)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
        var status = new Status { Online = true, Reason = "stale" };

        Assert.True(StatusText.TryRead(bytes, 0, bytes.Length, status));
        Assert.False(status.Online);
        Assert.Equal(reason, status.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("offlin")]
    [InlineData("Offline")]
    [InlineData("offline:")]
    [InlineData("offline lost")]
    [InlineData("offline:LOST")]
    [InlineData("offline:lost\n")]
    [InlineData("offline:123456789012345678901234567890123")]
    [InlineData("online")]
    public void Anything_else_is_not_the_offline_form(string text)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.False(StatusText.TryRead(bytes, 0, bytes.Length, new Status()));
    }

    [Fact]
    public void The_text_form_survives_a_string_round_trip_byte_for_byte_as_an_mqtt_will_given_as_a_string_must()
    {
        string will = StatusText.Format("lost");
        byte[] sent = System.Text.Encoding.UTF8.GetBytes(will);

        Assert.All(sent, b => Assert.InRange(b, (byte)0x21, (byte)0x7E));
        Assert.True(StatusText.TryRead(sent, 0, sent.Length, new Status()));
    }
}
