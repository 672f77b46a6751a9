using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceVoiceTests
{
    [Fact]
    public void Utterance_reply_is_matched_by_correlation_id_spoken_and_followed_by_idle()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        uint id = harness.Device.SendUtterance("what time is it", harness.Now);

        Assert.NotEqual(0u, id);
        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        Utterance sent = DeviceHarness.Decode(harness.PublishedOn(Topics.Voice).Single(), new Utterance());
        Assert.Equal((id, "what time is it"), (sent.CorrelationId, sent.Text));

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id, Text = "It is noon." });

        Assert.Equal([(id, "It is noon.", false)], harness.Observer.Replies);
        Assert.Equal(["It is noon."], harness.Speaker.Said);
        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        Assert.Equal(0u, harness.Device.PendingInteractionId);

        harness.Speaker.FinishPlayback();
        harness.Advance(DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Equal([DeviceState.Thinking, DeviceState.Speaking, DeviceState.Idle], harness.Observer.States.TakeLast(3));
    }

    [Fact]
    public void A_reply_for_another_interaction_does_not_complete_the_pending_one()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        uint id = harness.Device.SendUtterance("turn on the lights", harness.Now);

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id + 1000, Text = "Your order is ready." });

        Assert.Equal(id, harness.Device.PendingInteractionId);
    }

    [Fact]
    public void Utterance_without_a_reply_times_out_back_to_idle()
    {
        DeviceOptions options = new() { ReplyTimeoutMs = 5_000 };
        DeviceHarness harness = new DeviceHarness(options).BootOnline();
        uint id = harness.Device.SendUtterance("hello", harness.Now);

        harness.Advance(4_900);
        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        harness.Advance(200);

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Equal([(id, InteractionFailure.TimedOut)], harness.Observer.Failures);
    }

    [Fact]
    public void Losing_the_connection_fails_the_pending_utterance()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        uint id = harness.Device.SendUtterance("hello", harness.Now);

        harness.LoseConnection();

        Assert.Equal([(id, InteractionFailure.ConnectionLost)], harness.Observer.Failures);
        Assert.Equal(DeviceState.Offline, harness.Device.State);
    }

    [Fact]
    public void An_utterance_cannot_be_sent_offline_or_while_another_is_pending()
    {
        DeviceHarness harness = new DeviceHarness().Boot();
        Assert.Equal(0u, harness.Device.SendUtterance("hello", harness.Now));

        harness.CompleteConnect();
        Assert.NotEqual(0u, harness.Device.SendUtterance("hello", harness.Now));
        Assert.Equal(0u, harness.Device.SendUtterance("again", harness.Now));
        Assert.Equal(0u, new DeviceHarness().BootOnline().Device.SendUtterance(new string('a', Utterance.MaxTextLength + 1), 0));
    }

    [Fact]
    public void Interaction_ids_differ_across_reboots()
    {
        MemorySettingsStore flash = new();
        uint first = new DeviceHarness(store: flash).BootOnline().Device.SendUtterance("hi", 0);
        uint second = new DeviceHarness(store: flash).BootOnline().Device.SendUtterance("hi", 0);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_reply_that_expects_a_follow_up_reopens_the_microphone_after_speaking()
    {
        DeviceOptions options = new() { ListenTimeoutMs = 3_000 };
        DeviceHarness harness = new DeviceHarness(options).BootOnline();
        uint id = harness.Device.SendUtterance("order a pizza", harness.Now);
        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id, Text = "Which size?", ExpectsFollowUp = true });

        harness.Speaker.FinishPlayback();
        harness.Advance(DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Listening, harness.Device.State);

        harness.Advance(3_100);
        Assert.Equal(DeviceState.Idle, harness.Device.State);
    }

    [Fact]
    public void Short_press_starts_listening_and_stops_speech()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);
        Assert.Equal(DeviceState.Listening, harness.Device.State);

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = DeviceHarness.AnnouncementId, Text = "A long story..." });
        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);

        Assert.False(harness.Speaker.IsSpeaking);
        Assert.Equal(DeviceState.Idle, harness.Device.State);
    }
}
