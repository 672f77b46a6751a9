using SpeakerHub.Protocol;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class TopicsTests
{
    [Fact]
    public void An_uplink_topic_parses_back_into_its_device_and_kind()
    {
        Assert.True(Topics.TryParse(Topics.Up("spk-42", Topics.Twin), out string id, out bool up, out string kind));
        Assert.Equal(("spk-42", true, "twin"), (id, up, kind));
        Assert.True(Topics.TryParse(Topics.Down("spk-42", Topics.Command), out id, out up, out kind));
        Assert.Equal(("spk-42", false, "cmd"), (id, up, kind));
    }

    [Theory]
    [InlineData("sh/d/+/up/hello")]
    [InlineData("sh/d/#")]
    [InlineData("sh/d/a/b/up/hello")]
    [InlineData("sh/d/spk/sideways/hello")]
    [InlineData("sh/d/spk/up/")]
    [InlineData("sh/d/spk/up/hello/extra")]
    [InlineData("sh/d//up/hello")]
    [InlineData("other/spk/up/hello")]
    public void Topics_outside_the_scheme_or_with_wildcards_in_the_id_do_not_parse(string topic)
    {
        Assert.False(Topics.TryParse(topic, out _, out _, out _));
    }

    [Fact]
    public void Each_topic_kind_accepts_only_its_own_message_types()
    {
        Assert.True(TopicRouting.IsAllowed(Topics.Twin, uplink: true, MessageType.TwinReported));
        Assert.False(TopicRouting.IsAllowed(Topics.Twin, uplink: true, MessageType.TwinDesired));
        Assert.True(TopicRouting.IsAllowed(Topics.Twin, uplink: false, MessageType.TwinDesired));
        Assert.False(TopicRouting.IsAllowed(Topics.Command, uplink: true, MessageType.Command));
        Assert.False(TopicRouting.IsAllowed("unknown", uplink: true, MessageType.Event));
        Assert.True(TopicRouting.IsAllowed(Topics.Voice, uplink: true, MessageType.VoiceChunk));
        Assert.True(TopicRouting.IsAllowed(Topics.Voice, uplink: true, MessageType.Utterance));
        Assert.False(TopicRouting.IsAllowed(Topics.Reply, uplink: false, MessageType.VoiceChunk));
        Assert.True(TopicRouting.IsAllowed(Topics.Reply, uplink: false, MessageType.Reply));
        Assert.True(TopicRouting.IsAllowed(Topics.Reply, uplink: false, MessageType.ReplyAudio));
        Assert.False(TopicRouting.IsAllowed(Topics.Voice, uplink: true, MessageType.ReplyAudio));
    }
}
