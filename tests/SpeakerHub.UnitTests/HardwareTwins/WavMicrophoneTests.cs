using SpeakerHub.Firmware.Host.Hardware.Audio;

namespace SpeakerHub.UnitTests.HardwareTwins;

public sealed class WavMicrophoneTests
{
    private readonly ManualClock _clock = new();
    private readonly List<short[]> _frames = [];
    private readonly WavMicrophone _microphone;

    public WavMicrophoneTests()
    {
        _microphone = new WavMicrophone(_clock);
        _microphone.Start(frame => _frames.Add([.. frame]));
    }

    [Fact]
    public void A_frame_arrives_only_once_its_twenty_milliseconds_have_passed()
    {
        _clock.AdvanceMilliseconds(19.9);
        Assert.Equal(0, _microphone.DeliverDueFrames());

        _clock.AdvanceMilliseconds(0.1);
        Assert.Equal(1, _microphone.DeliverDueFrames());
        Assert.Equal(320, _frames[0].Length);
    }

    [Fact]
    public void Over_an_hour_of_uneven_ticks_the_frame_count_matches_the_clock_exactly()
    {
        // Ticks of 7, 13, 21 and 33 ms, as a busy loop would see them: nothing may build up.
        double[] ticks = [7, 13, 21, 33];
        double elapsedMs = 0;
        long delivered = 0;
        for (int i = 0; elapsedMs < 3_600_000; i++)
        {
            _clock.AdvanceMilliseconds(ticks[i % ticks.Length]);
            elapsedMs += ticks[i % ticks.Length];
            delivered += _microphone.DeliverDueFrames();
            _frames.Clear();
        }

        Assert.Equal((long)(elapsedMs / 20), delivered);
        Assert.Equal(0, _microphone.OverrunFrames);
    }

    [Fact]
    public void The_clip_is_heard_in_order_and_then_the_microphone_hears_silence()
    {
        short[] clip = Enumerable.Range(1, 500).Select(i => (short)i).ToArray();
        Task finished = _microphone.Queue(clip);

        _clock.AdvanceMilliseconds(20);
        _microphone.DeliverDueFrames();
        Assert.False(finished.IsCompleted);

        _clock.AdvanceMilliseconds(60);
        _microphone.DeliverDueFrames();

        Assert.True(finished.IsCompleted);
        short[] heard = [.. _frames.SelectMany(frame => frame)];
        Assert.Equal(clip, heard[..500]);
        Assert.All(heard[500..], sample => Assert.Equal(0, sample));
        Assert.Equal(4, _frames.Count);
    }

    [Fact]
    public void Clips_queued_back_to_back_are_heard_one_after_the_other()
    {
        _microphone.Queue([1, 1, 1]);
        Task second = _microphone.Queue([2, 2]);

        _clock.AdvanceMilliseconds(20);
        _microphone.DeliverDueFrames();

        Assert.True(second.IsCompleted);
        Assert.Equal(new short[] { 1, 1, 1, 2, 2, 0 }, _frames[0][..6]);
    }

    [Fact]
    public void A_consumer_stalled_longer_than_the_dma_ring_loses_the_oldest_frames_but_stays_on_time()
    {
        _clock.AdvanceMilliseconds(20 * 20);

        Assert.Equal(WavMicrophone.DmaFrames, _microphone.DeliverDueFrames());
        Assert.Equal(20 - WavMicrophone.DmaFrames, _microphone.OverrunFrames);

        _clock.AdvanceMilliseconds(20);
        Assert.Equal(1, _microphone.DeliverDueFrames());
    }

    [Fact]
    public void The_microphone_hands_out_one_reused_buffer_like_the_dma()
    {
        List<short[]> buffers = [];
        WavMicrophone microphone = new(_clock);
        microphone.Start(buffers.Add);

        _clock.AdvanceMilliseconds(100);
        microphone.DeliverDueFrames();

        Assert.Equal(5, buffers.Count);
        Assert.All(buffers, buffer => Assert.Same(buffers[0], buffer));
    }
}
