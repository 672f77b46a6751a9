namespace SpeakerHub.Firmware.Host.Hardware.Controls;

/// <summary>The debouncer's timing; the ESP32 adapter uses the same figures so both report alike.</summary>
public sealed class ButtonTiming
{
    /// <summary>Tactile switches settle within ~5–20 ms; a level must hold this long to count.</summary>
    public int DebounceMs { get; set; } = 30;

    /// <summary>Held at least this long (debounced) is a long press; it fires while still held.</summary>
    public int LongPressMs { get; set; } = 1000;

    /// <summary>How long a simulated finger keeps a tap down.</summary>
    public int TapMs { get; set; } = 100;

    /// <summary>Spacing of the contact chatter <see cref="SimulatedButton"/> generates for a bouncy edge.</summary>
    public int BounceIntervalMs { get; set; } = 2;
}
