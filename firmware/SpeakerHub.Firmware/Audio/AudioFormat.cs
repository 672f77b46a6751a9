namespace SpeakerHub.Firmware.Audio
{
    /// <summary>The device's audio format (docs/protocol.md §Audio): 16 kHz, 16-bit mono, 20 ms frames.</summary>
    public static class AudioFormat
    {
        public const int SampleRate = 16000;
        public const int FrameMs = 20;
        public const int SamplesPerFrame = SampleRate * FrameMs / 1000;
    }
}
