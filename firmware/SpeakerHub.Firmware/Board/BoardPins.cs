using nanoFramework.Hardware.Esp32;

namespace SpeakerHub.Firmware.Board
{
    /// <summary>
    /// Every GPIO the firmware touches, for each supported board, in one place (docs/firmware.md has the
    /// wiring tables). The board is chosen at build time by <see cref="SelectedBoard"/>: pin functions are
    /// routed before any driver opens, and a wrong guess at run time could drive a pin the board uses as
    /// an input, so it is not a setting.
    /// </summary>
    public sealed class BoardPins
    {
        /// <summary>Change to build for the other board.</summary>
        public const BoardKind SelectedBoard = BoardKind.Esp32S3Voice;

        /// <summary>A pin the board does not have (e.g. no volume buttons on a DevKit).</summary>
        public const int NoPin = -1;

        /// <summary>nanoFramework I2S bus ids: bus 1 maps to the I2S1_* pin functions, bus 2 to I2S2_*.</summary>
        public const int MicrophoneI2sBus = 1;
        public const int SpeakerI2sBus = 2;

        private BoardPins(BoardKind kind, string model)
        {
            Kind = kind;
            Model = model;
        }

        public BoardKind Kind { get; }

        /// <summary>Announced in Hello; the fleet service targets firmware images by it.</summary>
        public string Model { get; }

        public int MicrophoneClockPin { get; private set; }

        public int MicrophoneWordSelectPin { get; private set; }

        public int MicrophoneDataPin { get; private set; }

        public int SpeakerClockPin { get; private set; }

        public int SpeakerWordSelectPin { get; private set; }

        public int SpeakerDataPin { get; private set; }

        /// <summary>MAX98357A SD_MODE: low shuts the amplifier down (no hiss while idle).</summary>
        public int AmplifierEnablePin { get; private set; }

        /// <summary>Active low with the internal pull-up: press = talk, hold = mute, hold 3 s = pairing.</summary>
        public int TalkButtonPin { get; private set; }

        public int VolumeUpButtonPin { get; private set; }

        public int VolumeDownButtonPin { get; private set; }

        /// <summary>Status LED driven by PWM so states can dim and breathe, not only blink.</summary>
        public int StatusLedPin { get; private set; }

        public bool HasVolumeButtons
        {
            get { return VolumeUpButtonPin != NoPin && VolumeDownButtonPin != NoPin; }
        }

        public static BoardPins ForSelectedBoard()
        {
            return SelectedBoard == BoardKind.Esp32S3Voice ? Esp32S3Voice() : Esp32DevKit();
        }

        /// <summary>
        /// ESP32-S3 (N8R8 module) voice board: INMP441 on I2S1, MAX98357A on I2S2, BOOT as talk button.
        /// GPIO 26-37 belong to the flash and octal PSRAM, 19/20 to USB and 3/45/46 are strapping pins,
        /// so everything sits on 4-7, 15-17 and 38-42.
        /// </summary>
        public static BoardPins Esp32S3Voice()
        {
            BoardPins pins = new BoardPins(BoardKind.Esp32S3Voice, "speakerhub-s3-voice");
            pins.MicrophoneClockPin = 4;
            pins.MicrophoneWordSelectPin = 5;
            pins.MicrophoneDataPin = 6;
            pins.SpeakerClockPin = 15;
            pins.SpeakerWordSelectPin = 16;
            pins.SpeakerDataPin = 7;
            pins.AmplifierEnablePin = 17;

            // BOOT is only a strapping pin while reset is released; afterwards it is an ordinary input.
            pins.TalkButtonPin = 0;
            pins.VolumeUpButtonPin = 40;
            pins.VolumeDownButtonPin = 41;
            pins.StatusLedPin = 38;
            return pins;
        }

        /// <summary>
        /// Generic ESP32 DevKit (WROOM-32) with an INMP441 breakout, a MAX98357A breakout, one push button
        /// and the on-board LED. GPIO 6-11 are the flash, 12 is a strapping pin (flash voltage) and 34-39
        /// are input-only without pull-ups, so the button sits on 4 with the internal pull-up.
        /// </summary>
        public static BoardPins Esp32DevKit()
        {
            BoardPins pins = new BoardPins(BoardKind.Esp32DevKit, "speakerhub-esp32-devkit");
            pins.MicrophoneClockPin = Gpio.IO26;
            pins.MicrophoneWordSelectPin = Gpio.IO25;
            pins.MicrophoneDataPin = Gpio.IO33;
            pins.SpeakerClockPin = Gpio.IO27;
            pins.SpeakerWordSelectPin = Gpio.IO14;
            pins.SpeakerDataPin = Gpio.IO13;
            pins.AmplifierEnablePin = Gpio.IO21;
            pins.TalkButtonPin = Gpio.IO04;
            pins.VolumeUpButtonPin = NoPin;
            pins.VolumeDownButtonPin = NoPin;
            pins.StatusLedPin = Gpio.IO02;
            return pins;
        }

        /// <summary>
        /// Routes the I2S and PWM peripherals to this board's pins through the ESP32 GPIO matrix. Must run
        /// before any I2sDevice or PwmChannel is opened: the drivers read the routing when they start.
        /// </summary>
        public void AssignPinFunctions()
        {
            Configuration.SetPinFunction(MicrophoneClockPin, DeviceFunction.I2S1_BCK);
            Configuration.SetPinFunction(MicrophoneWordSelectPin, DeviceFunction.I2S1_WS);
            Configuration.SetPinFunction(MicrophoneDataPin, DeviceFunction.I2S1_MDATA_IN);
            Configuration.SetPinFunction(SpeakerClockPin, DeviceFunction.I2S2_BCK);
            Configuration.SetPinFunction(SpeakerWordSelectPin, DeviceFunction.I2S2_WS);
            Configuration.SetPinFunction(SpeakerDataPin, DeviceFunction.I2S2_DATA_OUT);
            Configuration.SetPinFunction(StatusLedPin, DeviceFunction.PWM1);
        }
    }

    public enum BoardKind
    {
        Esp32S3Voice = 0,
        Esp32DevKit = 1,
    }
}
