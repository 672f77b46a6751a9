namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>What the loader did at power-on.</summary>
public enum BootReason
{
    /// <summary>Booted the confirmed image; nothing was pending.</summary>
    Confirmed = 0,

    /// <summary>Booted the pending image on trial (one trial used).</summary>
    Trial = 1,

    /// <summary>The pending image used up its trials without confirming; back to the confirmed one.</summary>
    TrialsExhausted = 2,

    /// <summary>The pending image failed validation; back to the confirmed one.</summary>
    PendingImageRejected = 3,

    /// <summary>The confirmed image failed validation too: on hardware, the device waits for a USB reflash.</summary>
    NoValidImage = 4,
}

/// <param name="Slot">The slot booted.</param>
/// <param name="ImageLength">Length of its image as recorded; 0 when unknown (factory image).</param>
public sealed record BootOutcome(int Slot, int ImageLength, BootReason Reason);
