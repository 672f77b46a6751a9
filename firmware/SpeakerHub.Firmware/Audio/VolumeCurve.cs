using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Audio
{
    /// <summary>
    /// Volume steps 0..10 as Q15 gains, 3 dB apart from full scale down, and 0 = silent. Loudness is
    /// perceived logarithmically, so equal dB steps feel like equal steps; a linear scale would put all
    /// the audible change in the bottom three steps.
    /// </summary>
    public static class VolumeCurve
    {
        public const int UnityGainQ15 = 32767;
        public const int Q15Shift = 15;
        public const double DecibelsPerStep = 3.0;

        private const double DecibelsPerAmplitudeDecade = 20.0;

        public static int[] BuildTable()
        {
            int[] gains = new int[TwinPatch.MaxVolume + 1];
            for (int step = 1; step <= TwinPatch.MaxVolume; step++)
            {
                double attenuationDb = (TwinPatch.MaxVolume - step) * DecibelsPerStep;
                gains[step] = (int)(UnityGainQ15 * System.Math.Pow(10.0, -attenuationDb / DecibelsPerAmplitudeDecade));
            }

            return gains;
        }
    }
}
