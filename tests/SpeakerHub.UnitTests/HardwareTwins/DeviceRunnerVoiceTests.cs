using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Host.Hardware.Audio;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Protocol.Messages;
using SpeakerHub.UnitTests.Firmware;

namespace SpeakerHub.UnitTests.HardwareTwins;

/// <summary>
/// The runner as a simulator uses it: a clip spoken into the microphone in real time through the
/// device's own voice activity detection, answered by a cloud that streams reply audio. These run on
/// the real clock (a few seconds each) and assert what happened, never how fast. They run alone, after
/// the parallel tests: a loop starved of CPU by them would lose microphone frames, and their threads
/// and garbage would disturb the allocation measurements of the others.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class DeviceRunnerVoiceTests : IAsyncDisposable
{
    private const int StallTolerantDmaFrames = 100;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly LoopbackCloud _cloud = new();
    private readonly DeviceRunner _runner;

    public DeviceRunnerVoiceTests()
    {
        _runner = new DeviceRunner(
            new DeviceIdentity("runner-1", "test-speaker", "1.2.3", Hello.CapabilityMicrophone | Hello.CapabilitySpeaker),
            new DeviceOptions(),
            _cloud,
            new WavSpeaker(),
            new MemorySettingsStore());
    }

    public ValueTask DisposeAsync() => _runner.DisposeAsync();

    [Fact]
    public async Task A_tapped_clip_becomes_a_turn_with_the_reply_audio_that_was_played_and_its_timings()
    {
        await StartAsync();

        VoiceTurn turn = await _runner.SpeakAsync(Clip(), SpeechTrigger.Tap).WaitAsync(Patience);

        Assert.Equal(SpeechTrigger.Tap, turn.Trigger);
        Assert.Equal("It is noon.", turn.ReplyText);
        Assert.Equal(ReplyAudioOutcome.Played, turn.ReplyAudioOutcome);
        Assert.Equal(_cloud.ReplyPcm(turn.InteractionId), turn.ReplyAudio);
        Assert.NotNull(turn.UtteranceSentAt);
        Assert.NotNull(turn.ReplyLatency);
        Assert.True(turn.ReplyLatency >= TimeSpan.Zero);
        Assert.Equal(turn.UtteranceFrames, _cloud.Heard.Sum(chunk => chunk.FrameCount));
        Assert.All(_cloud.Heard, chunk => Assert.Equal(VoiceChunk.TriggerButton, chunk.Trigger));
        Assert.Equal(
            [DeviceState.Listening, DeviceState.Streaming, DeviceState.Thinking, DeviceState.Speaking, DeviceState.Idle],
            _runner.Leds.History.SkipWhile(state => state != DeviceState.Listening).Take(5));
    }

    [Fact]
    public async Task A_wake_clip_answered_with_a_question_takes_a_follow_up_answer_without_a_trigger()
    {
        await StartAsync();
        _cloud.AskBack = true;

        VoiceTurn question = await _runner.SpeakAsync(Clip(), SpeechTrigger.Wake).WaitAsync(Patience);
        _cloud.AskBack = false;
        VoiceTurn answer = await _runner.SpeakAsync(Clip(), SpeechTrigger.FollowUp).WaitAsync(Patience);

        Assert.True(question.ExpectsFollowUp);
        Assert.Equal(SpeechTrigger.FollowUp, answer.Trigger);
        Assert.Equal("It is noon.", answer.ReplyText);
        Assert.Equal(
            [VoiceChunk.TriggerWake, VoiceChunk.TriggerFollowUp],
            _cloud.Heard.Select(chunk => chunk.Trigger).Distinct());
    }

    [Fact]
    public async Task Typed_text_becomes_a_turn_with_the_reply_audio_too()
    {
        await StartAsync();

        VoiceTurn turn = await _runner.AskAsync("what time is it").WaitAsync(Patience);

        Assert.Equal(SpeechTrigger.Typed, turn.Trigger);
        Assert.Equal(_cloud.ReplyPcm(turn.InteractionId), turn.ReplyAudio);
        Assert.True(turn.ReplyLatency >= TimeSpan.Zero);
        Assert.Empty(_cloud.Heard);
    }

    [Fact]
    public async Task A_clip_with_no_speech_in_it_fails_instead_of_waiting_for_ever()
    {
        await StartAsync();

        InteractionFailedException failure = await Assert.ThrowsAsync<InteractionFailedException>(
            () => _runner.SpeakAsync(new short[PcmFormat.SamplesIn(TimeSpan.FromMilliseconds(300))], SpeechTrigger.Wake).WaitAsync(Patience));

        Assert.Contains("no speech", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_cloud.Heard);
    }

    [Fact]
    public async Task A_follow_up_while_nobody_asked_a_question_is_refused()
    {
        await StartAsync();

        await Assert.ThrowsAsync<InteractionFailedException>(() => _runner.SpeakAsync(Clip(), SpeechTrigger.FollowUp));
    }

    private async Task StartAsync()
    {
        _runner.Start();
        await _runner.WaitUntilOnlineAsync().WaitAsync(Patience);

        // Two seconds of DMA ring instead of 160 ms: a busy test machine can stall the loop that long,
        // and a clip lost to overrun would test the scheduler, not the device.
        await _runner.AttachMicrophoneAsync(new WavMicrophone(dmaFrames: StallTolerantDmaFrames)).WaitAsync(Patience);
    }

    /// <summary>A short quiet lead-in and half a second of a speech-band tone: one "command".</summary>
    private static short[] Clip() =>
    [
        .. new short[PcmFormat.SamplesIn(TimeSpan.FromMilliseconds(100))],
        .. MicrophoneFrames.Tone(25, amplitude: 6000).SelectMany(frame => frame),
    ];
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real time";
}
