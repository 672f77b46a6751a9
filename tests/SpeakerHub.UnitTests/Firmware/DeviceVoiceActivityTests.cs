using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// The three spoken triggers on a device in a room with a little noise: a tap, the wake phrase (speech
/// while idle) and a follow-up answer. Each opens at the detector's onset, ends by its hangover, and
/// says on every chunk what opened it.
/// </summary>
public sealed class DeviceVoiceActivityTests
{
    private const int RoomNoise = 400;
    private const int Voice = 4000;
    private const int HangoverFrames = DeviceOptions.DefaultVadHangoverMs / VoiceChunk.FrameMilliseconds;
    private const int PreRollFrames = DeviceOptions.DefaultPreRollMs / VoiceChunk.FrameMilliseconds;

    [Fact]
    public void A_tap_opens_the_utterance_at_speech_onset_and_the_hangover_ends_it_with_nothing_from_before_the_tap()
    {
        DeviceHarness harness = InARoom();

        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);
        Assert.Equal(DeviceState.Listening, harness.Device.State);
        harness.Hear(Noise(5));
        Assert.Empty(harness.VoiceChunks());
        harness.Hear(Speech(10));
        Assert.Equal(DeviceState.Streaming, harness.Device.State);
        harness.Hear(Noise(HangoverFrames + 5));

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        (uint id, byte trigger) = Assert.Single(harness.Observer.UtterancesStarted);
        Assert.Equal(VoiceChunk.TriggerButton, trigger);

        // The 5 frames heard since the tap are the pre-roll; the room heard before it stayed home.
        const int frames = 5 + 10 + HangoverFrames;
        Assert.Equal([(id, frames)], harness.Observer.UtterancesSent);
        List<VoiceChunk> chunks = harness.VoiceChunks();
        Assert.Equal(frames, chunks.Sum(chunk => chunk.FrameCount));
        Assert.All(chunks, chunk => Assert.Equal((id, VoiceChunk.TriggerButton), (chunk.CorrelationId, chunk.Trigger)));
        Assert.True(chunks[^1].IsFinal);
    }

    [Fact]
    public void A_tap_followed_by_silence_goes_back_to_idle_after_the_listen_timeout_without_sending()
    {
        DeviceHarness harness = InARoom();

        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);
        harness.Hear(Noise((DeviceOptions.DefaultListenTimeoutMs / DeviceHarness.TickMs) + 2));

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Empty(harness.VoiceChunks());
        Assert.Empty(harness.Observer.UtterancesStarted);
        Assert.Empty(harness.Observer.Failures);
    }

    [Fact]
    public void Speech_while_idle_opens_a_wake_utterance_that_starts_with_the_pre_roll()
    {
        DeviceHarness harness = InARoom();

        harness.Hear(Speech(10));
        Assert.Equal(DeviceState.Streaming, harness.Device.State);
        harness.Hear(Noise(HangoverFrames + 5));

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        List<VoiceChunk> chunks = harness.VoiceChunks();
        Assert.All(chunks, chunk => Assert.Equal(VoiceChunk.TriggerWake, chunk.Trigger));
        Assert.Equal(PreRollFrames + 10 + HangoverFrames, chunks.Sum(chunk => chunk.FrameCount));

        // ~200 ms of the room first, then the voice from its first frame.
        int[] levels = DecodedLevels(chunks);
        Assert.All(levels[..PreRollFrames], level => Assert.InRange(level, 0, RoomNoise));
        Assert.All(levels[PreRollFrames..(PreRollFrames + 10)], level => Assert.True(level > Voice / 2, $"level {level}"));
    }

    [Fact]
    public void Wake_sensitivity_zero_turns_the_spoken_trigger_off_but_a_tap_still_listens()
    {
        DeviceHarness harness = InARoom();
        harness.Deliver(Topics.Twin, DeviceHarness.Desired(2, wakeSensitivity: 0));

        harness.Hear(Speech(10));
        harness.Hear(Noise(HangoverFrames + 5));
        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Empty(harness.VoiceChunks());

        harness.Device.OnButton(ButtonEvent.ShortPress, harness.Now);
        harness.Hear(Speech(10));
        harness.Hear(Noise(HangoverFrames + 5));
        Assert.Equal(DeviceState.Thinking, harness.Device.State);
    }

    [Fact]
    public void An_empty_reply_to_a_wake_utterance_that_was_not_for_us_returns_to_idle_silently()
    {
        DeviceHarness harness = InARoom();
        harness.Hear(Speech(10));
        harness.Hear(Noise(HangoverFrames + 5));
        uint id = harness.Device.PendingInteractionId;

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id, Text = string.Empty });

        Assert.Equal(DeviceState.Idle, harness.Device.State);
        Assert.Equal([DeviceState.Streaming, DeviceState.Thinking, DeviceState.Idle], harness.Observer.States.TakeLast(3));
        Assert.Empty(harness.Speaker.Said);
        Assert.Equal(0, harness.Speaker.SamplesPlayed);
        Assert.Empty(harness.Observer.Failures);
    }

    [Fact]
    public void After_a_question_has_played_the_microphone_reopens_and_the_answer_carries_the_follow_up_trigger()
    {
        DeviceHarness harness = InARoom();
        uint question = harness.Device.SendUtterance("order a pizza", harness.Now);
        harness.Deliver(Topics.Reply, new Reply { CorrelationId = question, Text = "Which size?", ExpectsFollowUp = true });
        harness.Speaker.FinishPlayback();
        harness.Hear(Noise(1));
        Assert.Equal(DeviceState.Listening, harness.Device.State);

        harness.Hear(Noise(10));
        harness.Hear(Speech(10));
        harness.Hear(Noise(HangoverFrames + 5));

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        (uint answer, byte trigger) = Assert.Single(harness.Observer.UtterancesStarted);
        Assert.Equal(VoiceChunk.TriggerFollowUp, trigger);
        Assert.NotEqual(question, answer);
        Assert.All(harness.VoiceChunks(), chunk => Assert.Equal((answer, VoiceChunk.TriggerFollowUp), (chunk.CorrelationId, chunk.Trigger)));
    }

    [Fact]
    public void A_held_button_is_not_cut_off_by_a_pause_longer_than_the_hangover()
    {
        DeviceHarness harness = InARoom();

        harness.Device.OnButton(ButtonEvent.TalkPressed, harness.Now);
        harness.Hear(Speech(10));
        harness.Hear(Noise(2 * HangoverFrames));
        Assert.Equal(DeviceState.Streaming, harness.Device.State);
        harness.Device.OnButton(ButtonEvent.TalkReleased, harness.Now);

        Assert.Equal(DeviceState.Thinking, harness.Device.State);
        Assert.Equal(10 + (2 * HangoverFrames), harness.VoiceChunks().Sum(chunk => chunk.FrameCount));
        Assert.All(harness.VoiceChunks(), chunk => Assert.Equal(VoiceChunk.TriggerButton, chunk.Trigger));
    }

    [Fact]
    public void While_thinking_or_speaking_speech_opens_nothing()
    {
        DeviceHarness harness = InARoom();
        uint id = harness.Device.SendUtterance("tell me a story", harness.Now);
        harness.Hear(Speech(10));
        harness.Deliver(Topics.Reply, new Reply { CorrelationId = id, Text = "Once upon a time" });
        harness.Hear(Speech(10));

        Assert.Equal(DeviceState.Speaking, harness.Device.State);
        Assert.Empty(harness.VoiceChunks());
    }

    /// <summary>An online device that has listened to two seconds of a quiet room.</summary>
    private static DeviceHarness InARoom()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Hear(Noise(100));
        Assert.Equal(DeviceState.Idle, harness.Device.State);
        return harness;
    }

    private static short[][] Noise(int frames) => MicrophoneFrames.Noise(frames, RoomNoise, seed: frames);

    private static short[][] Speech(int frames) => MicrophoneFrames.ToneOverNoise(frames, Voice, RoomNoise);

    /// <summary>Mean absolute level of each decoded frame, in utterance order.</summary>
    private static int[] DecodedLevels(List<VoiceChunk> chunks)
    {
        List<int> levels = [];
        short[] pcm = new short[VoiceChunk.FrameSamples];
        foreach (VoiceChunk chunk in chunks)
        {
            for (int frame = 0; frame < chunk.FrameCount; frame++)
            {
                AdpcmDecoder.Decode(chunk.Blocks, chunk.BlockOffset(frame), VoiceChunk.BlockLength, pcm, 0);
                levels.Add((int)pcm.Average(sample => Math.Abs((int)sample)));
            }
        }

        return [.. levels];
    }
}
