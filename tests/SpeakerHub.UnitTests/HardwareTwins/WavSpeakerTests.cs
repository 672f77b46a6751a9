using SpeakerHub.Firmware.Host.Hardware.Audio;

namespace SpeakerHub.UnitTests.HardwareTwins;

public sealed class WavSpeakerTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "speakerhub-speaker-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_speaker_stays_busy_for_exactly_as_long_as_the_audio_takes_to_play()
    {
        using WavSpeaker speaker = Speaker();
        speaker.Play(new short[8_000], 0, 8_000); // 500 ms

        _clock.AdvanceMilliseconds(499);
        Assert.True(speaker.IsSpeaking);

        _clock.AdvanceMilliseconds(1);
        Assert.False(speaker.IsSpeaking);
    }

    [Fact]
    public void Audio_queued_while_playing_extends_the_playback_instead_of_restarting_it()
    {
        using WavSpeaker speaker = Speaker();
        speaker.Play(new short[3_200], 0, 3_200); // 200 ms
        _clock.AdvanceMilliseconds(100);
        speaker.Play(new short[3_200], 0, 3_200); // ends at 400 ms

        _clock.AdvanceMilliseconds(299);
        Assert.True(speaker.IsSpeaking);
        _clock.AdvanceMilliseconds(1);
        Assert.False(speaker.IsSpeaking);
    }

    [Fact]
    public void A_full_playback_buffer_takes_only_what_fits()
    {
        using WavSpeaker speaker = Speaker(buffer: TimeSpan.FromMilliseconds(100));

        Assert.Equal(1_600, speaker.Play(new short[5_000], 0, 5_000));
        Assert.Equal(0, speaker.Play(new short[10], 0, 10));

        _clock.AdvanceMilliseconds(50);
        Assert.Equal(800, speaker.Play(new short[5_000], 0, 5_000));
    }

    [Fact]
    public void Stop_silences_the_speaker_at_once_and_drops_what_was_not_heard()
    {
        using WavSpeaker speaker = Speaker();
        speaker.SetVolume(10);
        speaker.Play(Tone(1_600, 100), 0, 1_600); // 100 ms
        _clock.AdvanceMilliseconds(25);

        speaker.Stop();

        Assert.False(speaker.IsSpeaking);
        Assert.Equal(400, speaker.RecordedSamples.Length);
    }

    [Fact]
    public void Volume_scales_in_tenths_and_mute_plays_silence()
    {
        using WavSpeaker speaker = Speaker();
        speaker.SetVolume(5);
        speaker.Play([1000, -1000], 0, 2);
        speaker.SetVolume(10);
        speaker.Play([1000, -1000], 0, 2);
        speaker.SetMuted(true);
        speaker.Play([1000, -1000], 0, 2);

        Assert.Equal(new short[] { 500, -500, 1000, -1000, 0, 0 }, speaker.RecordedSamples);
        Assert.Equal(6, speaker.SamplesPlayed);
    }

    [Fact]
    public void What_is_played_is_recorded_to_a_wav_file_the_reader_accepts()
    {
        string path = Path.Combine(_folder, "device.wav");
        using (WavSpeaker speaker = new(new WavSpeakerOptions { RecordingPath = path }, _clock))
        {
            speaker.SetVolume(10);
            speaker.Play(Tone(480, 3000), 0, 480);
        }

        Assert.Equal(Tone(480, 3000), WavFile.Read(path));
    }

    [Fact]
    public void Said_text_is_remembered_and_announced_without_making_the_speaker_busy()
    {
        using WavSpeaker speaker = Speaker();
        List<string> announced = [];
        speaker.Spoken += (_, spoken) => announced.Add(spoken.Text);

        speaker.Say("It is noon.");

        Assert.Equal(["It is noon."], speaker.Said);
        Assert.Equal(["It is noon."], announced);
        Assert.False(speaker.IsSpeaking);
    }

    [Fact]
    public void A_capture_keeps_the_audio_as_it_was_sent_before_volume_and_without_what_a_stop_cut_off()
    {
        using WavSpeaker speaker = Speaker();
        speaker.SetVolume(3);
        speaker.Play(Tone(160, 1000), 0, 160);

        speaker.StartCapture();
        speaker.Play(Tone(1_600, 2000), 0, 1_600); // 100 ms after the 10 ms already queued
        _clock.AdvanceMilliseconds(60);
        speaker.Stop();
        speaker.Play(Tone(160, 500), 0, 160);
        short[] captured = speaker.EndCapture();

        Assert.Equal([.. Tone(800, 2000), .. Tone(160, 500)], captured);
        Assert.Empty(speaker.EndCapture());
    }

    private WavSpeaker Speaker(TimeSpan? buffer = null) =>
        new(new WavSpeakerOptions { PlaybackBuffer = buffer ?? TimeSpan.FromSeconds(2) }, _clock);

    private static short[] Tone(int samples, short amplitude) =>
        [.. Enumerable.Range(0, samples).Select(i => i % 2 == 0 ? amplitude : (short)-amplitude)];
}
