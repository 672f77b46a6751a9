namespace SpeakerHub.Firmware.Audio
{
    /// <summary>
    /// The "I have an answer" chime, synthesised once at boot into a preallocated buffer. The device has
    /// no text-to-speech (the cloud sends reply audio), so Say() plays this as the audible cue.
    /// Two rising tones with short fades so the start and end do not click.
    /// </summary>
    public static class Chime
    {
        public const int FirstToneHz = 880;
        public const int SecondToneHz = 1320;
        public const int ToneMs = 120;

        /// <summary>About -9 dBFS before volume: loud enough to hear, below the level speech audio uses.</summary>
        public const int PeakAmplitude = 11000;

        private const int FadeMs = 10;

        public static short[] Synthesize()
        {
            int toneSamples = AudioFormat.SampleRate * ToneMs / 1000;
            short[] samples = new short[2 * toneSamples];
            WriteTone(samples, 0, toneSamples, FirstToneHz);
            WriteTone(samples, toneSamples, toneSamples, SecondToneHz);
            return samples;
        }

        private static void WriteTone(short[] samples, int offset, int count, int frequencyHz)
        {
            int fade = AudioFormat.SampleRate * FadeMs / 1000;
            double step = 2.0 * System.Math.PI * frequencyHz / AudioFormat.SampleRate;
            for (int i = 0; i < count; i++)
            {
                int edge = i < count - i ? i : count - i;
                double envelope = edge < fade ? (double)edge / fade : 1.0;
                samples[offset + i] = (short)(PeakAmplitude * envelope * System.Math.Sin(step * i));
            }
        }
    }
}
