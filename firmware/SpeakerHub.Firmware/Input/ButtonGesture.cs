namespace SpeakerHub.Firmware.Input
{
    /// <summary>What one button did, as the debouncer reports it (at most one per tick).</summary>
    public enum ButtonGesture
    {
        None = 0,

        /// <summary>Released before <see cref="ButtonDebouncer.HoldMs"/>: talk / stop.</summary>
        Press = 1,

        /// <summary>Released between hold and pairing time: Core's LongPress (mute toggle).</summary>
        Hold = 2,

        /// <summary>Still held at <see cref="ButtonDebouncer.PairingHoldMs"/>: enter SoftAP pairing.</summary>
        PairingHold = 3,
    }
}
