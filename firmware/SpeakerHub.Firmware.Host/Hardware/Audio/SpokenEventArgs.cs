namespace SpeakerHub.Firmware.Host.Hardware.Audio;

public sealed class SpokenEventArgs(string text) : EventArgs
{
    public string Text { get; } = text;
}
