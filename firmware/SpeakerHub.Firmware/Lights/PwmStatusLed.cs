using System.Device.Pwm;
using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Lights
{
    /// <summary>
    /// The status LED as Core's <see cref="ILeds"/>: Core says which state, the loop calls
    /// <see cref="Update"/> every tick to animate it. Both run on the loop thread, so no locking.
    /// </summary>
    public sealed class PwmStatusLed : ILeds
    {
        /// <summary>Well above flicker fusion, well inside what the ESP32 LEDC timer does at 10+ bits.</summary>
        public const int PwmFrequencyHz = 5000;

        private const double PercentToDuty = 0.01;

        private readonly PwmChannel _channel;
        private DeviceState _state = DeviceState.Booting;
        private bool _pairing;
        private int _shownBrightness = -1;

        public PwmStatusLed(int pin)
        {
            _channel = PwmChannel.CreateFromPin(pin, PwmFrequencyHz, 0);
            _channel.Start();
        }

        public void Show(DeviceState state)
        {
            _state = state;
        }

        /// <summary>Overrides the device state while the SoftAP pairing server runs.</summary>
        public void ShowPairing()
        {
            _pairing = true;
        }

        public void Update(long nowMs)
        {
            int brightness = _pairing ? LedPattern.Pairing(nowMs) : LedPattern.Brightness(_state, nowMs);

            // Only touch the peripheral on a change: most states hold one level for seconds.
            if (brightness == _shownBrightness)
            {
                return;
            }

            _shownBrightness = brightness;
            _channel.DutyCycle = brightness * PercentToDuty;
        }
    }
}
