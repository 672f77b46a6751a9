using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceVoiceStreamingTests
{
    [Fact]
    public void Pressing_to_talk_listens_the_first_frame_starts_streaming_and_release_waits_for_the_reply()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        Assert.Equal(DeviceState.Listening, harness.Device.State);
        uint id = harness.Device.PendingInteractionId;
        Assert.NotEqual(0u, id);

        harness.Device.OnAudioFrame(MicrophoneFrames.Tone(1)[0]);
        Assert.Equal(DeviceState.Streaming, harness.Device.State);

        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        Assert.Equal(id, harness.Device.PendingInteractionId);
        Assert.Equal([DeviceState.Listening, DeviceState.Streaming, DeviceState.Thinking], harness.Observer.States.TakeLast(3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(50)]
    public void Push_to_talk_streams_n_frames_as_ceil_n_over_3_chunks_sequenced_by_first_frame_with_the_last_final(int frames)
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        uint id = Talk(harness, MicrophoneFrames.Tone(frames));

        List<VoiceChunk> chunks = Chunks(harness);
        int expected = (frames + VoiceChunk.MaxFrames - 1) / VoiceChunk.MaxFrames;
        Assert.Equal(expected, chunks.Count);
        Assert.All(chunks, chunk => Assert.Equal(id, chunk.CorrelationId));
        Assert.Equal(Enumerable.Range(0, expected).Select(i => (uint)(i * VoiceChunk.MaxFrames)), chunks.Select(c => c.Sequence));
        Assert.Equal([.. Enumerable.Repeat(false, expected - 1), true], chunks.Select(c => c.IsFinal));
        Assert.Equal(frames, chunks.Sum(c => c.FrameCount));
    }

    [Fact]
    public void The_streamed_audio_decodes_back_to_what_the_microphone_heard()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        short[][] heard = MicrophoneFrames.Tone(12, frequency: 300);

        Talk(harness, heard);

        short[] sent = Decode(Chunks(harness));
        short[] expected = heard.SelectMany(frame => frame).ToArray();
        Assert.Equal(expected.Length, sent.Length);
        for (int i = VoiceChunk.FrameSamples; i < expected.Length; i++)
        {
            Assert.InRange(Math.Abs(expected[i] - sent[i]), 0, 1000);
        }
    }

    [Fact]
    public void Audio_from_before_the_press_never_leaves_the_device()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        for (int i = 0; i < 10; i++)
        {
            harness.Device.OnAudioFrame(MicrophoneFrames.Level(-20000));
        }

        Assert.Empty(Chunks(harness));
        Talk(harness, [MicrophoneFrames.Level(12000), MicrophoneFrames.Level(12000)]);

        short[] sent = Decode(Chunks(harness));
        Assert.Equal(2 * VoiceChunk.FrameSamples, sent.Length);
        Assert.All(sent[VoiceChunk.FrameSamples..], sample => Assert.InRange(sample, 11000, 13000));
    }

    [Fact]
    public void Frames_that_arrive_offline_are_dropped_and_not_sent_after_the_reconnect()
    {
        DeviceHarness harness = new DeviceHarness().Boot();
        foreach (short[] frame in MicrophoneFrames.Tone(25))
        {
            harness.Device.OnAudioFrame(frame);
        }

        Assert.Equal(25, harness.Device.DroppedAudioFrames);
        harness.CompleteConnect();
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);

        Assert.Empty(Chunks(harness));
        Assert.Equal(DeviceState.Idle, harness.Device.State);
    }

    [Fact]
    public void A_press_while_offline_opens_nothing()
    {
        DeviceHarness harness = new DeviceHarness().Boot();

        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);

        Assert.Equal(DeviceState.ConnectingMqtt, harness.Device.State);
        Assert.Equal(0u, harness.Device.PendingInteractionId);
    }

    [Fact]
    public void A_reply_to_the_voice_interaction_ends_thinking_and_is_spoken()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        uint id = Talk(harness, MicrophoneFrames.Tone(7));

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id, Text = "Voice recognition isn't available yet." });

        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        Assert.Equal(0u, harness.Device.PendingInteractionId);
        Assert.Equal(["Voice recognition isn't available yet."], harness.Speaker.Said);
        harness.Speaker.FinishPlayback();
        harness.Advance(DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Empty(harness.Observer.Failures);
    }

    [Fact]
    public void An_utterance_is_cut_at_the_maximum_length_and_the_late_release_changes_nothing()
    {
        DeviceOptions options = new() { MaxUtteranceMs = 200 };
        DeviceHarness harness = new DeviceHarness(options).BootOnline();
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        foreach (short[] frame in MicrophoneFrames.Tone(25))
        {
            harness.Device.OnAudioFrame(frame);
        }

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        List<VoiceChunk> chunks = Chunks(harness);
        Assert.Equal(10, chunks.Sum(c => c.FrameCount));
        Assert.True(chunks[^1].IsFinal);
    }

    [Fact]
    public void Losing_the_connection_mid_utterance_fails_it_and_sends_nothing_more()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        uint id = harness.Device.PendingInteractionId;
        foreach (short[] frame in MicrophoneFrames.Tone(5))
        {
            harness.Device.OnAudioFrame(frame);
        }

        harness.LoseConnection();
        harness.Device.OnAudioFrame(MicrophoneFrames.Tone(1)[0]);
        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);

        Assert.Equal([(id, InteractionFailure.ConnectionLost)], harness.Observer.Failures);
        Assert.Equal(DeviceState.Offline, harness.Device.State);
        Assert.DoesNotContain(Chunks(harness), chunk => chunk.IsFinal);
    }

    [Fact]
    public void Releasing_before_any_frame_was_heard_cancels_without_sending()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        uint id = harness.Device.PendingInteractionId;

        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Equal([(id, InteractionFailure.Cancelled)], harness.Observer.Failures);
        Assert.Empty(Chunks(harness));
    }

    [Fact]
    public void A_tap_while_streaming_ends_the_utterance_and_the_late_release_changes_nothing()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        uint id = harness.Device.PendingInteractionId;
        harness.Device.OnAudioFrame(MicrophoneFrames.Tone(1)[0]);

        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);
        harness.Device.OnAudioFrame(MicrophoneFrames.Tone(1)[0]);
        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        Assert.Equal(id, harness.Device.PendingInteractionId);
        VoiceChunk last = Assert.Single(Chunks(harness));
        Assert.Equal((true, 1), (last.IsFinal, last.FrameCount));
        Assert.Equal([(id, 1)], harness.Observer.UtterancesSent);
    }

    [Fact]
    public void Pressing_to_talk_while_the_speaker_talks_interrupts_it()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Deliver(Topics.Reply, new Reply { CorrelationId = DeviceHarness.AnnouncementId, Text = "A long story..." });
        Assert.Equal(DeviceState.Speaking, harness.Device.State);

        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);

        Assert.False(harness.Speaker.IsSpeaking);
        Assert.Equal(DeviceState.Listening, harness.Device.State);
    }

    [Fact]
    public void Typed_text_cannot_interrupt_an_open_utterance()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        harness.Device.OnAudioFrame(MicrophoneFrames.Tone(1)[0]);

        Assert.Equal(0u, harness.Device.SendUtterance("what time is it", harness.Now));
        Assert.Equal(DeviceState.Streaming, harness.Device.State);
    }

    /// <summary>Press, the frames, release: one push-to-talk utterance. Returns its interaction id.</summary>
    private static uint Talk(DeviceHarness harness, short[][] frames)
    {
        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        uint id = harness.Device.PendingInteractionId;
        foreach (short[] frame in frames)
        {
            harness.Device.OnAudioFrame(frame);
        }

        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);
        return id;
    }

    private static List<VoiceChunk> Chunks(DeviceHarness harness) =>
    [
        .. harness.PublishedOn(Topics.Voice)
            .Where(publish => publish.Payload[1] == MessageType.VoiceChunk)
            .Select(publish => DeviceHarness.Decode(publish, new VoiceChunk())),
    ];

    private static short[] Decode(List<VoiceChunk> chunks)
    {
        short[] pcm = new short[chunks.Sum(c => c.FrameCount) * VoiceChunk.FrameSamples];
        foreach (VoiceChunk chunk in chunks)
        {
            for (int frame = 0; frame < chunk.FrameCount; frame++)
            {
                int at = (int)(chunk.Sequence + frame) * VoiceChunk.FrameSamples;
                Assert.Equal(VoiceChunk.FrameSamples, AdpcmDecoder.Decode(chunk.Blocks, chunk.BlockOffset(frame), VoiceChunk.BlockLength, pcm, at));
            }
        }

        return pcm;
    }
}
