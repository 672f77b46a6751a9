using System.Device.Gpio;
using SpeakerHub.Firmware.Board;

namespace SpeakerHub.Firmware.Input
{
    /// <summary>
    /// The board's buttons, polled once per loop tick. All are wired to ground with the internal
    /// pull-up, so a pressed button reads low. Volume buttons act on press (a tap should feel instant);
    /// the talk button acts on release because how long it was held decides what it meant.
    /// </summary>
    public sealed class ButtonPanel
    {
        private readonly GpioPin _talk;
        private readonly GpioPin _volumeUp;
        private readonly GpioPin _volumeDown;
        private readonly ButtonDebouncer _talkDebouncer = new ButtonDebouncer();
        private readonly ButtonDebouncer _upDebouncer = new ButtonDebouncer();
        private readonly ButtonDebouncer _downDebouncer = new ButtonDebouncer();
        private bool _upWasPressed;
        private bool _downWasPressed;

        public ButtonPanel(GpioController gpio, BoardPins pins)
        {
            _talk = gpio.OpenPin(pins.TalkButtonPin, PinMode.InputPullUp);
            if (pins.HasVolumeButtons)
            {
                _volumeUp = gpio.OpenPin(pins.VolumeUpButtonPin, PinMode.InputPullUp);
                _volumeDown = gpio.OpenPin(pins.VolumeDownButtonPin, PinMode.InputPullUp);
            }
        }

        /// <summary>Gesture of the talk button completed on this tick.</summary>
        public ButtonGesture TalkGesture { get; private set; }

        /// <summary>+1 or -1 when a volume button went down on this tick, else 0.</summary>
        public int VolumeStep { get; private set; }

        public void Poll(long nowMs)
        {
            TalkGesture = _talkDebouncer.Sample(IsDown(_talk), nowMs);
            VolumeStep = 0;
            if (_volumeUp == null)
            {
                return;
            }

            _upDebouncer.Sample(IsDown(_volumeUp), nowMs);
            _downDebouncer.Sample(IsDown(_volumeDown), nowMs);
            if (_upDebouncer.IsPressed && !_upWasPressed)
            {
                VolumeStep = 1;
            }
            else if (_downDebouncer.IsPressed && !_downWasPressed)
            {
                VolumeStep = -1;
            }

            _upWasPressed = _upDebouncer.IsPressed;
            _downWasPressed = _downDebouncer.IsPressed;
        }

        private static bool IsDown(GpioPin pin)
        {
            return pin.Read() == PinValue.Low;
        }
    }
}
