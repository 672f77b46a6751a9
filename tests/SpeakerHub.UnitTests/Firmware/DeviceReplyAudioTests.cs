using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// A reply's voice arriving as <see cref="ReplyAudio"/> chunks: played from the first chunk, in order,
/// with gaps covered by silence, until the final chunk is drained and the speaker has gone quiet.
/// </summary>
public sealed class DeviceReplyAudioTests
{
    private const int Frame = VoiceChunk.FrameSamples;

    [Fact]
    public void Playback_starts_with_the_first_chunk_and_the_text_is_not_said()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 9);

        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));

        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        Assert.Equal([reply.InteractionId], harness.Observer.ReplyAudioStarts);
        Assert.Equal([.. reply.Expected(0), .. reply.Expected(1), .. reply.Expected(2)], harness.Speaker.Played);
        Assert.Empty(harness.Speaker.Said);
    }

    [Fact]
    public void Chunks_that_arrive_out_of_order_before_playback_needs_them_play_in_order()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 9);
        harness.Speaker.Capacity = 2 * Frame;

        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(6, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(3, 3));
        PlayOut(harness);

        Assert.Equal(reply.ExpectedAll(), harness.Speaker.Played);
        Assert.Equal(0, harness.Device.ConcealedReplyFrames);
        Assert.Equal([(reply.InteractionId, ReplyAudioOutcome.Played, 9, 0)], harness.Observer.ReplyAudioEnds);
    }

    [Fact]
    public void A_missing_chunk_that_playback_reaches_is_played_as_silence_and_its_late_arrival_is_ignored()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 9);

        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(6, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(3, 3));
        PlayOut(harness);

        short[] expected = [.. reply.Expected(0), .. reply.Expected(1), .. reply.Expected(2), .. new short[3 * Frame],
            .. reply.Expected(6), .. reply.Expected(7), .. reply.Expected(8)];
        Assert.Equal(expected, harness.Speaker.Played);
        Assert.Equal(3, harness.Device.ConcealedReplyFrames);
        Assert.Equal(3, harness.Device.IgnoredReplyFrames);
        Assert.Equal([(reply.InteractionId, ReplyAudioOutcome.Played, 6, 3)], harness.Observer.ReplyAudioEnds);
    }

    [Fact]
    public void A_chunk_delivered_twice_plays_once()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 6);
        harness.Speaker.Capacity = Frame;

        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(3, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(3, 3));
        PlayOut(harness);

        Assert.Equal(reply.ExpectedAll(), harness.Speaker.Played);
        Assert.Equal(6, harness.Device.IgnoredReplyFrames);
    }

    [Fact]
    public void Speaking_lasts_until_the_final_chunk_has_arrived_and_the_speaker_has_played_everything()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 6);

        harness.Deliver(Topics.Reply, reply.Chunk(0, 3, final: false));
        harness.Deliver(Topics.Reply, reply.Chunk(3, 3, final: false));
        harness.Speaker.FinishPlayback();
        harness.Advance(DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Speaking, harness.Device.State);

        // The cloud learns that its speech is over only after sending the last frames.
        harness.Deliver(Topics.Reply, reply.Chunk(6, 0, final: true));
        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        harness.Advance(DeviceHarness.TickMs);

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Equal([(reply.InteractionId, ReplyAudioOutcome.Played, 6, 0)], harness.Observer.ReplyAudioEnds);
    }

    [Fact]
    public void The_device_keeps_speaking_while_the_speaker_still_plays_the_drained_reply()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 3);

        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));
        harness.Advance(5 * DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Speaking, harness.Device.State);

        harness.Speaker.FinishPlayback();
        harness.Advance(DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Idle, harness.Device.State);
    }

    [Fact]
    public void A_stream_that_stalls_ends_after_the_stall_time_with_what_had_arrived()
    {
        DeviceOptions options = new() { ReplyStallMs = 1_000 };
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 9, options);
        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));
        harness.Speaker.FinishPlayback();

        harness.Advance(900);
        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        harness.Advance(200);

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Equal(1, harness.Device.StalledReplies);
        Assert.Equal([(reply.InteractionId, ReplyAudioOutcome.Stalled, 3, 0)], harness.Observer.ReplyAudioEnds);
    }

    [Fact]
    public void Frames_beyond_the_jitter_buffer_are_dropped_and_counted()
    {
        DeviceOptions options = new() { ReplyBufferFrames = 10 };
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: ReplyAudio.MaxFrames, options);
        harness.Speaker.Capacity = 0;

        harness.Deliver(Topics.Reply, reply.Chunk(0, ReplyAudio.MaxFrames));

        Assert.Equal(ReplyAudio.MaxFrames - 10, harness.Device.OverflowReplyFrames);
    }

    [Fact]
    public void A_tap_during_reply_audio_cuts_it_off_and_the_rest_of_its_chunks_are_ignored()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 9);
        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));

        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);
        int played = harness.Speaker.Played.Count;
        harness.Deliver(Topics.Reply, reply.Chunk(3, 3));
        harness.Deliver(Topics.Reply, reply.Chunk(6, 3));
        harness.Advance(DeviceHarness.TickMs);

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.False(harness.Speaker.IsSpeaking);
        Assert.Equal(played, harness.Speaker.Played.Count);
        Assert.Equal(2, harness.Device.IgnoredReplyAudioChunks);
        Assert.Equal([(reply.InteractionId, ReplyAudioOutcome.Interrupted, 3, 0)], harness.Observer.ReplyAudioEnds);
    }

    [Fact]
    public void Pressing_to_talk_during_reply_audio_stops_it_and_starts_a_new_utterance()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 9);
        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));

        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        harness.Deliver(Topics.Reply, reply.Chunk(3, 3));

        Assert.Equal(DeviceState.Listening, harness.Device.State);
        Assert.True(harness.Speaker.Stops > 0);
        Assert.Equal(1, harness.Device.IgnoredReplyAudioChunks);
        Assert.NotEqual(0u, harness.Device.PendingInteractionId);
        Assert.Equal(ReplyAudioOutcome.Interrupted, Assert.Single(harness.Observer.ReplyAudioEnds).Outcome);
    }

    [Fact]
    public void A_question_in_reply_audio_reopens_the_microphone_once_it_has_played()
    {
        (DeviceHarness harness, ReplyAudioStream reply) = Answering(frames: 3, expectsFollowUp: true);

        harness.Deliver(Topics.Reply, reply.Chunk(0, 3));
        PlayOut(harness);

        Assert.Equal(DeviceState.Listening, harness.Device.State);
    }

    [Fact]
    public void Reply_audio_for_an_interaction_nobody_is_playing_is_ignored()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Deliver(Topics.Reply, new ReplyAudioStream(DeviceHarness.AnnouncementId, 3).Chunk(0, 3));

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Equal(1, harness.Device.IgnoredReplyAudioChunks);
        Assert.Equal(0, harness.Speaker.SamplesPlayed);
    }

    /// <summary>A typed question whose reply says its voice follows: the device now waits in Speaking.</summary>
    private static (DeviceHarness Harness, ReplyAudioStream Reply) Answering(int frames, DeviceOptions? options = null, bool expectsFollowUp = false)
    {
        DeviceHarness harness = new DeviceHarness(options).BootOnline();
        uint id = harness.Device.SendUtterance("what time is it", harness.Now);
        ReplyAudioStream reply = new(id, frames);
        harness.Deliver(Topics.Reply, reply.Reply(expectsFollowUp: expectsFollowUp));
        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        return (harness, reply);
    }

    /// <summary>Lets the speaker play a frame per tick until the device leaves Speaking.</summary>
    private static void PlayOut(DeviceHarness harness)
    {
        for (int tick = 0; tick < 1_000 && harness.Device.State == DeviceState.Speaking; tick++)
        {
            harness.Speaker.Drain(Frame);
            harness.Advance(DeviceHarness.TickMs);
        }

        Assert.NotEqual(DeviceState.Speaking, harness.Device.State);
    }
}
