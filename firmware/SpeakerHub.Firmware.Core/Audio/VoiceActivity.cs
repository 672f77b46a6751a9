namespace SpeakerHub.Firmware.Core.Audio
{
    /// <summary>What <see cref="VoiceActivityDetector"/> makes of one microphone frame.</summary>
    public enum VoiceActivity
    {
        /// <summary>Background noise; the noise floor follows it.</summary>
        Silence = 0,

        /// <summary>This frame completes the run of loud frames that counts as speech starting.</summary>
        Onset = 1,

        /// <summary>Inside a speech segment (loud, or quiet for less than the hangover).</summary>
        Speech = 2,

        /// <summary>Quiet for the whole hangover: the segment ended with this frame.</summary>
        End = 3,
    }
}
