using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// DESIGN §2: zero allocations per audio frame after boot. A heap that grows with speech is a device
/// that fragments and stalls in garbage collection mid-sentence on 520 KB of SRAM.
/// </summary>
public sealed class DeviceAudioAllocationTests
{
    private const int MeasuredFrames = 10_000;

    // 100 frames (2 s) per utterance: 33 full chunks and a one-frame final, so both chunk shapes run.
    private const int FramesPerUtterance = 100;

    private const int WarmUpUtterances = 2;

    [Fact]
    public void Ten_thousand_audio_frames_through_the_device_audio_path_allocate_nothing_after_warm_up()
    {
        AudioPath path = new();
        for (int i = 0; i < WarmUpUtterances; i++)
        {
            path.TalkAndHearTheReply();
        }

        int chunksBefore = path.Transport.VoiceChunks;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < MeasuredFrames / FramesPerUtterance; i++)
        {
            path.TalkAndHearTheReply();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The loop really streamed: every utterance went out whole, was answered, and ended in Idle.
        const int utterances = MeasuredFrames / FramesPerUtterance;
        int chunksPerUtterance = (FramesPerUtterance + VoiceChunk.MaxFrames - 1) / VoiceChunk.MaxFrames;
        Assert.Equal(utterances * chunksPerUtterance, path.Transport.VoiceChunks - chunksBefore);
        Assert.Equal(WarmUpUtterances + utterances, path.Transport.FinalVoiceChunks);
        Assert.Equal(WarmUpUtterances + utterances, path.Observer.Replies);
        Assert.Equal(0, path.Observer.Failures);
        Assert.Equal(0, path.Device.DroppedAudioFrames);
        Assert.Equal(DeviceState.Idle, path.Device.State);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Voice_activity_wake_and_tap_utterances_and_reply_audio_playback_allocate_nothing_after_warm_up()
    {
        AudioPath path = new();
        for (int i = 0; i < WarmUpUtterances; i++)
        {
            path.WakeAndHearTheSpokenReply();
            path.TapAndHearTheReply();
        }

        int framesBefore = path.FramesHeard;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int cycles = 0;
        while (path.FramesHeard - framesBefore < MeasuredFrames)
        {
            path.WakeAndHearTheSpokenReply();
            path.TapAndHearTheReply();
            cycles++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The loop really listened, streamed and played: two utterances and one spoken reply per cycle.
        int total = WarmUpUtterances + cycles;
        Assert.Equal(2 * total, path.Observer.UtterancesSent);
        Assert.Equal(2 * total, path.Transport.FinalVoiceChunks);
        Assert.Equal(total, path.Observer.ReplyAudioStarts);
        Assert.Equal(total, path.Observer.RepliesPlayed);
        Assert.Equal(0, path.Observer.Failures);
        Assert.Equal(0, path.Device.ConcealedReplyFrames);
        Assert.Equal(DeviceState.Idle, path.Device.State);
        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// One online device with ports that allocate nothing, driven like the runner's loop: a 20 ms frame
    /// and a tick at a time, in a room with a little noise; the cloud's replies are prebuilt messages
    /// whose correlation id is patched in place (empty text, so decoding allocates no string).
    /// </summary>
    private sealed class AudioPath
    {
        private const int RoomNoise = 400;
        private const int ReplyFrames = 2 * ReplyAudio.MaxFrames;

        private readonly short[][] _frames = MicrophoneFrames.Tone(50);
        private readonly short[][] _noise = MicrophoneFrames.Noise(50, RoomNoise);
        private readonly short[][] _speech = MicrophoneFrames.ToneOverNoise(50, 4000, RoomNoise);
        private readonly byte[] _reply = new Reply { CorrelationId = 1, Text = string.Empty }.ToBytes()!;
        private readonly byte[] _spokenReply = new Reply { CorrelationId = 1, Text = string.Empty, AudioFollows = true }.ToBytes()!;
        private readonly byte[][] _replyAudio;
        private readonly string _replyTopic = Topics.Down(DeviceHarness.DeviceId, Topics.Reply);
        private readonly FakeSpeaker _speaker = new(recordSamples: false) { Capacity = 2 * VoiceChunk.FrameSamples };
        private long _now = 1_000;
        private int _nextFrame;

        public AudioPath()
        {
            ReplyAudioStream voice = new(1, ReplyFrames);
            _replyAudio = [voice.Chunk(0, ReplyAudio.MaxFrames, final: false).ToBytes()!,
                voice.Chunk(ReplyAudio.MaxFrames, ReplyAudio.MaxFrames, final: false).ToBytes()!,
                voice.Chunk(ReplyFrames, 0, final: true).ToBytes()!];
            Transport = new PreallocatedTransport(Topics.Up(DeviceHarness.DeviceId, Topics.Voice));
            Device = new SpeakerDevice(
                new DeviceIdentity(DeviceHarness.DeviceId, "test-speaker", "1.2.3", Hello.CapabilityMicrophone | Hello.CapabilitySpeaker),
                new DeviceOptions(),
                Transport,
                _speaker,
                new DarkLeds(),
                new MemorySettingsStore(),
                ScriptedRandom.Highest,
                Observer);
            Device.OnWifiUp();
            Device.Start(_now);
            Transport.IsConnected = true;
            Device.OnConnected(_now);
        }

        public SpeakerDevice Device { get; }

        public PreallocatedTransport Transport { get; }

        public CountingObserver Observer { get; } = new();

        public int FramesHeard { get; private set; }

        public void TalkAndHearTheReply()
        {
            Device.OnButton(ButtonEvent.TalkPressed, _now);
            for (int i = 0; i < FramesPerUtterance; i++)
            {
                Device.OnAudioFrame(_frames[_nextFrame]);
                _nextFrame = (_nextFrame + 1) % _frames.Length;
                _now += VoiceChunk.FrameMilliseconds;
                Device.OnTick(_now);
            }

            Device.OnButton(ButtonEvent.TalkReleased, _now);
            Answer(_reply, Device.PendingInteractionId);
        }

        /// <summary>Room noise, then speech while idle: a wake utterance the hangover ends, answered with audio.</summary>
        public void WakeAndHearTheSpokenReply()
        {
            Hear(_noise, 30);
            Hear(_speech, 20);
            Hear(_noise, 30);
            uint id = Device.PendingInteractionId;
            Answer(_spokenReply, id);
            for (int i = 0; i < _replyAudio.Length; i++)
            {
                Answer(_replyAudio[i], id);
            }

            while (Device.State == DeviceState.Speaking)
            {
                _speaker.Drain(VoiceChunk.FrameSamples);
                Hear(_noise, 1);
            }
        }

        /// <summary>A tap, a pause, speech, and the hangover ends it; the answer is empty.</summary>
        public void TapAndHearTheReply()
        {
            Device.OnButton(ButtonEvent.ShortPress, _now);
            Hear(_noise, 10);
            Hear(_speech, 20);
            Hear(_noise, 30);
            Answer(_reply, Device.PendingInteractionId);
        }

        private void Hear(short[][] frames, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Device.OnAudioFrame(frames[i % frames.Length]);
                FramesHeard++;
                _now += VoiceChunk.FrameMilliseconds;
                Device.OnTick(_now);
            }
        }

        private void Answer(byte[] message, uint interactionId)
        {
            BigEndian.WriteUInt32(message, 4, interactionId);
            Device.OnMessage(_replyTopic, message, 0, message.Length);
        }
    }

    private sealed class DarkLeds : ILeds
    {
        public void Show(DeviceState state)
        {
        }
    }
}
