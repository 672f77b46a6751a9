using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Lights
{
    /// <summary>
    /// One brightness pattern per device state (docs/firmware.md §LED states), as a pure function of
    /// time so the LED adapter only has to sample it on each loop tick. Brightness is 0..100 percent.
    /// </summary>
    public static class LedPattern
    {
        public const int Off = 0;
        public const int Full = 100;

        /// <summary>Idle glow: visible in a dark room, not distracting in a bright one.</summary>
        public const int IdleGlow = 4;
        public const int SpeakingLevel = 60;

        /// <summary>Streaming dips to this between flashes: still "on", visibly not the steady Listening.</summary>
        public const int StreamingDip = 30;

        private const int SlowBlinkPeriodMs = 1000;
        private const int FastBlinkPeriodMs = 250;
        private const int BreathePeriodMs = 1500;
        private const int PairingBreathePeriodMs = 600;
        private const int OfflineBlipPeriodMs = 3000;
        private const int OfflineBlipMs = 100;
        private const int UpdatingPeriodMs = 1200;
        private const int UpdatingBlinkMs = 120;

        /// <summary>8 Hz: fast enough to read as "sending", unlike any of the slower patterns.</summary>
        private const int StreamingFlickerPeriodMs = 125;

        public static int Brightness(DeviceState state, long nowMs)
        {
            switch (state)
            {
                case DeviceState.Booting:
                    return Full;
                case DeviceState.ConnectingWifi:
                    return Blink(nowMs, SlowBlinkPeriodMs);
                case DeviceState.ConnectingMqtt:
                    return Blink(nowMs, FastBlinkPeriodMs);
                case DeviceState.Idle:
                    return IdleGlow;
                case DeviceState.Listening:
                    return Full;
                case DeviceState.Streaming:
                    return (nowMs % StreamingFlickerPeriodMs) < (StreamingFlickerPeriodMs / 2) ? Full : StreamingDip;
                case DeviceState.Thinking:
                    return Breathe(nowMs, BreathePeriodMs);
                case DeviceState.Speaking:
                    return SpeakingLevel;
                case DeviceState.Updating:
                    return DoubleBlink(nowMs);
                case DeviceState.Offline:
                    return (nowMs % OfflineBlipPeriodMs) < OfflineBlipMs ? Full : Off;
                default:
                    return Off;
            }
        }

        /// <summary>Pairing mode is the adapter's, not a Core state: a quick breathe nobody mistakes for Thinking.</summary>
        public static int Pairing(long nowMs)
        {
            return Breathe(nowMs, PairingBreathePeriodMs);
        }

        private static int Blink(long nowMs, int periodMs)
        {
            return (nowMs % periodMs) < (periodMs / 2) ? Full : Off;
        }

        private static int Breathe(long nowMs, int periodMs)
        {
            // Triangle wave; the eye reads a linear duty ramp as a fair breathe at these low frequencies.
            int phase = (int)(nowMs % periodMs);
            int half = periodMs / 2;
            int rising = phase < half ? phase : periodMs - phase;
            return (rising * Full) / half;
        }

        private static int DoubleBlink(long nowMs)
        {
            int phase = (int)(nowMs % UpdatingPeriodMs);
            bool first = phase < UpdatingBlinkMs;
            bool second = phase >= 2 * UpdatingBlinkMs && phase < 3 * UpdatingBlinkMs;
            return first || second ? Full : Off;
        }
    }
}
