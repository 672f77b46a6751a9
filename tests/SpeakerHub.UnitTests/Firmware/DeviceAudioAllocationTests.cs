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

    /// <summary>
    /// One online device with ports that allocate nothing, driven like the runner's loop: press, a
    /// 20 ms frame and a tick at a time, release, then the cloud's reply (empty speech, so it decodes
    /// without allocating a string) and back to Idle.
    /// </summary>
    private sealed class AudioPath
    {
        private readonly short[][] _frames = MicrophoneFrames.Tone(50);
        private readonly byte[] _reply = new Reply { CorrelationId = 1, Text = string.Empty }.ToBytes()!;
        private readonly string _replyTopic = Topics.Down(DeviceHarness.DeviceId, Topics.Reply);
        private long _now = 1_000;
        private int _nextFrame;

        public AudioPath()
        {
            Transport = new PreallocatedTransport(Topics.Up(DeviceHarness.DeviceId, Topics.Voice));
            Device = new SpeakerDevice(
                new DeviceIdentity(DeviceHarness.DeviceId, "test-speaker", "1.2.3", Hello.CapabilityMicrophone | Hello.CapabilitySpeaker),
                new DeviceOptions(),
                Transport,
                new FakeSpeaker(),
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
            BigEndian.WriteUInt32(_reply, 4, Device.PendingInteractionId);
            Device.OnMessage(_replyTopic, _reply, 0, _reply.Length);
        }
    }

    private sealed class DarkLeds : ILeds
    {
        public void Show(DeviceState state)
        {
        }
    }
}
