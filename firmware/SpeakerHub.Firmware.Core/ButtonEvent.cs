namespace SpeakerHub.Firmware.Core
{
    /// <summary>What the button debouncer (an adapter) reports. These work with or without the cloud.</summary>
    public enum ButtonEvent
    {
        /// <summary>
        /// Talk / stop: starts listening when idle (speech onset opens the utterance), ends the utterance
        /// being streamed, and otherwise stops: listening, the pending answer, speech.
        /// </summary>
        ShortPress = 0,

        /// <summary>Toggles mute.</summary>
        LongPress = 1,
        VolumeUp = 2,
        VolumeDown = 3,

        /// <summary>Push-to-talk went down: opens the microphone for a new utterance (Idle, Listening, Speaking).</summary>
        TalkPressed = 4,

        /// <summary>Push-to-talk came up: the utterance ends and the device waits for the reply.</summary>
        TalkReleased = 5,
    }
}
