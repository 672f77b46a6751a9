namespace SpeakerHub.Firmware.Host.Hardware.Controls;

/// <summary>Which of the speaker's three buttons a <see cref="SimulatedButton"/> is.</summary>
public enum ButtonRole
{
    /// <summary>Tap to talk or stop (<c>ShortPress</c>), hold to toggle mute (<c>LongPress</c>).</summary>
    Talk = 0,
    VolumeUp = 1,
    VolumeDown = 2,

    /// <summary>Hold to talk: <c>TalkPressed</c> when it goes down, <c>TalkReleased</c> when it comes up.</summary>
    PushToTalk = 3,
}
