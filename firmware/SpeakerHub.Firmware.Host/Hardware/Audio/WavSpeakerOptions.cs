namespace SpeakerHub.Firmware.Host.Hardware.Audio;

public sealed class WavSpeakerOptions
{
    /// <summary>Where to record what the speaker plays; null records to memory only.</summary>
    public string? RecordingPath { get; set; }

    /// <summary>
    /// Audio the amplifier's DMA ring buffer holds ahead of the listener; <c>Play</c> takes no more than
    /// fits. Half a second rides out a downlink hiccup without costing much SRAM on the ESP32.
    /// </summary>
    public TimeSpan PlaybackBuffer { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How much of the latest audio <see cref="WavSpeaker.RecordedSamples"/> keeps for tests.</summary>
    public TimeSpan RememberedAudio { get; set; } = TimeSpan.FromSeconds(60);
}
