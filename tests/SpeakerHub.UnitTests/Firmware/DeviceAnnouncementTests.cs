using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Settings;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// Replies nobody asked for (a timer going off) carry an id with the top bit set. They play when the
/// device is free and are dropped, counted, when a user is mid-conversation.
/// </summary>
public sealed class DeviceAnnouncementTests
{
    private static readonly Reply TimerDone = new() { CorrelationId = DeviceHarness.AnnouncementId, Text = "Your timer is done." };

    [Fact]
    public void An_announcement_plays_when_the_device_is_idle()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Deliver(Topics.Reply, TimerDone);

        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        Assert.Equal(["Your timer is done."], harness.Speaker.Said);
        Assert.Equal([(DeviceHarness.AnnouncementId, "Your timer is done.", false)], harness.Observer.Replies);
    }

    [Fact]
    public void An_announcement_with_audio_plays_its_audio_when_idle()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        ReplyAudioStream voice = new(DeviceHarness.AnnouncementId, 6);

        harness.Deliver(Topics.Reply, voice.Reply("Your timer is done."));
        foreach (ReplyAudio chunk in voice.Chunks(3))
        {
            harness.Deliver(Topics.Reply, chunk);
        }

        Assert.Equal(voice.ExpectedAll(), harness.Speaker.Played);
        harness.Speaker.FinishPlayback();
        harness.Advance(DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Idle, harness.Device.State);
    }

    [Fact]
    public void An_announcement_plays_while_the_device_listens_for_speech_that_has_not_started()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);

        harness.Deliver(Topics.Reply, TimerDone);

        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        Assert.Equal(0, harness.Device.IgnoredAnnouncements);
    }

    [Fact]
    public void Announcements_are_ignored_and_counted_while_a_user_streams_waits_or_listens_to_an_answer()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        harness.Device.OnAudioFrame(MicrophoneFrames.Tone(1)[0]);
        harness.Deliver(Topics.Reply, TimerDone);
        Assert.Equal(DeviceState.Streaming, harness.Device.State);

        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);
        uint id = harness.Device.PendingInteractionId;
        harness.Deliver(Topics.Reply, TimerDone);
        Assert.Equal(DeviceState.Thinking, harness.Device.State);

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id, Text = "It is noon." });
        harness.Deliver(Topics.Reply, TimerDone);

        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        Assert.Equal(["It is noon."], harness.Speaker.Said);
        Assert.Equal(3, harness.Device.IgnoredAnnouncements);
        Assert.Empty(harness.Observer.Failures);
    }

    [Fact]
    public void A_reply_to_an_interaction_the_device_gave_up_on_is_stale_and_ignored()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        uint id = harness.Device.SendUtterance("what time is it", harness.Now);
        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id, Text = "It is noon." });

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Empty(harness.Speaker.Said);
        Assert.Equal(1, harness.Device.StaleReplies);
    }

    [Fact]
    public void The_device_never_gives_an_utterance_an_announcement_id_however_often_it_booted()
    {
        MemorySettingsStore flash = new();
        DeviceSettings settings = new(DeviceOptions.DefaultRecentCommands) { BootCount = 40_000 };
        byte[] record = new byte[settings.MaxEncodedLength];
        flash.Save(record, settings.WriteTo(record));

        uint id = new DeviceHarness(store: flash).BootOnline().Device.SendUtterance("hello", 0);

        Assert.NotEqual(0u, id);
        Assert.False(Reply.IsAnnouncementId(id));
    }
}
