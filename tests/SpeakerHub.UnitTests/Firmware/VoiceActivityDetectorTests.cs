using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// The detector as shipped (DeviceOptions defaults) on synthetic rooms: white noise of a known level and
/// speech-band tone bursts over it. Levels are mean absolute samples: noise of amplitude n is ~n/2,
/// a tone of amplitude a is ~0.64 a.
/// </summary>
public sealed class VoiceActivityDetectorTests
{
    private const int QuietNoise = 400;
    private const int Speech = 4000;
    private const int Margin = 400;

    [Fact]
    public void A_tone_burst_over_noise_is_an_onset_on_its_third_frame_and_not_before()
    {
        VoiceActivityDetector detector = Settled(QuietNoise);

        List<VoiceActivity> heard = Process(detector, MicrophoneFrames.ToneOverNoise(5, Speech, QuietNoise));

        Assert.Equal([VoiceActivity.Silence, VoiceActivity.Silence, VoiceActivity.Onset, VoiceActivity.Speech, VoiceActivity.Speech], heard);
    }

    [Fact]
    public void A_click_shorter_than_the_onset_run_is_not_speech()
    {
        VoiceActivityDetector detector = Settled(QuietNoise);

        List<VoiceActivity> heard = Process(detector, [.. MicrophoneFrames.ToneOverNoise(2, Speech, QuietNoise), .. MicrophoneFrames.Noise(30, QuietNoise, seed: 9)]);

        Assert.All(heard, activity => Assert.Equal(VoiceActivity.Silence, activity));
    }

    [Fact]
    public void A_segment_survives_a_pause_between_words_and_ends_after_the_full_hangover_of_quiet()
    {
        VoiceActivityDetector detector = Settled(QuietNoise);
        int hangover = DeviceOptions.DefaultVadHangoverMs / VoiceChunk.FrameMilliseconds;
        Process(detector, MicrophoneFrames.ToneOverNoise(10, Speech, QuietNoise));

        List<VoiceActivity> pause = Process(detector, MicrophoneFrames.Noise(hangover - 5, QuietNoise, seed: 3));
        Process(detector, MicrophoneFrames.ToneOverNoise(5, Speech, QuietNoise));
        List<VoiceActivity> after = Process(detector, MicrophoneFrames.Noise(hangover + 5, QuietNoise, seed: 4));

        Assert.All(pause, activity => Assert.Equal(VoiceActivity.Speech, activity));
        Assert.Equal(hangover - 1, after.IndexOf(VoiceActivity.End));
        Assert.All(after.Take(hangover - 1), activity => Assert.Equal(VoiceActivity.Speech, activity));
        Assert.All(after.Skip(hangover), activity => Assert.Equal(VoiceActivity.Silence, activity));
    }

    [Fact]
    public void The_floor_follows_a_louder_room_so_a_voice_that_cleared_the_old_floor_no_longer_counts()
    {
        VoiceActivityDetector quietRoom = Settled(QuietNoise);
        VoiceActivityDetector louderRoom = Settled(QuietNoise);
        const int louderNoise = 3 * QuietNoise;
        const int softVoice = 1600;

        // Three times the noise is under the margin: it raises the floor instead of opening a segment.
        List<VoiceActivity> adapting = Process(louderRoom, MicrophoneFrames.Noise(300, louderNoise, seed: 5));

        Assert.All(adapting, activity => Assert.Equal(VoiceActivity.Silence, activity));
        Assert.InRange(louderRoom.NoiseFloor, louderNoise * 9 / 20, louderNoise * 11 / 20);
        Assert.Contains(VoiceActivity.Onset, Process(quietRoom, MicrophoneFrames.ToneOverNoise(5, softVoice, QuietNoise)));
        Assert.DoesNotContain(VoiceActivity.Onset, Process(louderRoom, MicrophoneFrames.ToneOverNoise(5, softVoice, louderNoise)));
        Assert.Contains(VoiceActivity.Onset, Process(louderRoom, MicrophoneFrames.ToneOverNoise(5, 3 * Speech, louderNoise)));
    }

    [Fact]
    public void The_floor_drops_within_a_few_frames_when_a_noise_stops()
    {
        VoiceActivityDetector detector = Settled(6 * QuietNoise);

        Process(detector, MicrophoneFrames.Noise(25, QuietNoise, seed: 6));

        Assert.InRange(detector.NoiseFloor, QuietNoise * 9 / 20, QuietNoise * 11 / 20);
        Assert.Contains(VoiceActivity.Onset, Process(detector, MicrophoneFrames.ToneOverNoise(5, 1600, QuietNoise)));
    }

    [Fact]
    public void A_noise_that_starts_and_stays_ends_its_segment_within_seconds()
    {
        VoiceActivityDetector detector = Settled(QuietNoise);

        List<VoiceActivity> heard = Process(detector, MicrophoneFrames.Noise(250, 20 * QuietNoise, seed: 7));

        Assert.Equal(VoiceActivity.Onset, heard[2]);
        Assert.Contains(VoiceActivity.End, heard);
    }

    [Fact]
    public void A_steady_offset_from_the_microphone_is_not_sound()
    {
        VoiceActivityDetector detector = Settled(QuietNoise);

        List<VoiceActivity> heard = Process(detector, Enumerable.Repeat(MicrophoneFrames.Level(12_000), 20));

        Assert.All(heard, activity => Assert.Equal(VoiceActivity.Silence, activity));
        Assert.Equal(0, detector.Level);
    }

    [Fact]
    public void A_wider_margin_needs_louder_speech()
    {
        VoiceActivityDetector strict = Settled(QuietNoise);
        strict.SetMargin(DeviceOptions.DefaultVadMarginAtLeastSensitivePercent);
        VoiceActivityDetector lenient = Settled(QuietNoise);
        lenient.SetMargin(DeviceOptions.DefaultVadMarginAtMostSensitivePercent);

        Assert.DoesNotContain(VoiceActivity.Onset, Process(strict, MicrophoneFrames.ToneOverNoise(5, 1600, QuietNoise)));
        Assert.Contains(VoiceActivity.Onset, Process(lenient, MicrophoneFrames.ToneOverNoise(5, 1600, QuietNoise)));
    }

    /// <summary>A detector with the shipped timings that has listened to two seconds of a room's noise.</summary>
    private static VoiceActivityDetector Settled(int noiseAmplitude)
    {
        VoiceActivityDetector detector = new(
            DeviceOptions.DefaultVadOnsetMs / VoiceChunk.FrameMilliseconds,
            DeviceOptions.DefaultVadHangoverMs / VoiceChunk.FrameMilliseconds,
            DeviceOptions.DefaultVadMinimumLevel,
            DeviceOptions.DefaultVadFloorRiseMs / VoiceChunk.FrameMilliseconds,
            DeviceOptions.DefaultVadFloorFallMs / VoiceChunk.FrameMilliseconds,
            DeviceOptions.DefaultVadFloorRiseInSpeechMs / VoiceChunk.FrameMilliseconds);
        detector.SetMargin(Margin);
        List<VoiceActivity> settling = Process(detector, MicrophoneFrames.Noise(100, noiseAmplitude, seed: noiseAmplitude));
        Assert.All(settling, activity => Assert.Equal(VoiceActivity.Silence, activity));
        return detector;
    }

    private static List<VoiceActivity> Process(VoiceActivityDetector detector, IEnumerable<short[]> frames) =>
        [.. frames.Select(frame => detector.Process(frame, 0, frame.Length))];
}
