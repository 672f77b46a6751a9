namespace SpeakerHub.Firmware.Input
{
    /// <summary>
    /// Debounces one push button sampled on the loop tick and turns presses into gestures. Sampling at
    /// 20 ms and requiring the same level for <see cref="DebounceMs"/> rejects contact bounce (a few ms
    /// on tactile switches) without interrupts, which on nanoFramework would allocate an event object
    /// per edge. Pure logic: it takes levels and times, so it is testable off the device.
    /// </summary>
    public sealed class ButtonDebouncer
    {
        /// <summary>Two loop ticks: longer than tactile-switch bounce, shorter than a deliberate tap.</summary>
        public const int DebounceMs = 40;

        /// <summary>A press held this long is a hold (mute), not a tap (talk).</summary>
        public const int HoldMs = 1000;

        /// <summary>Long enough that nobody enters pairing by accident while muting.</summary>
        public const int PairingHoldMs = 3000;

        private bool _rawPressed;
        private long _rawSinceMs;
        private bool _pressed;
        private long _pressedAtMs;
        private bool _pairingReported;

        public bool IsPressed
        {
            get { return _pressed; }
        }

        /// <summary>Feed the current level; returns the gesture completed by this sample, if any.</summary>
        public ButtonGesture Sample(bool pressedNow, long nowMs)
        {
            if (pressedNow != _rawPressed)
            {
                _rawPressed = pressedNow;
                _rawSinceMs = nowMs;
            }

            bool stable = nowMs - _rawSinceMs >= DebounceMs;
            if (stable && _rawPressed != _pressed)
            {
                _pressed = _rawPressed;
                if (_pressed)
                {
                    _pressedAtMs = nowMs;
                    _pairingReported = false;
                    return ButtonGesture.None;
                }

                if (_pairingReported)
                {
                    return ButtonGesture.None;
                }

                return nowMs - _pressedAtMs >= HoldMs ? ButtonGesture.Hold : ButtonGesture.Press;
            }

            // Reported while still held, so the LED answers the user before they let go.
            if (_pressed && !_pairingReported && nowMs - _pressedAtMs >= PairingHoldMs)
            {
                _pairingReported = true;
                return ButtonGesture.PairingHold;
            }

            return ButtonGesture.None;
        }
    }
}
