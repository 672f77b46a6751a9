namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>What an utterance may be, which picks the grammar it is searched with.</summary>
public enum RecognitionMode
{
    /// <summary>Opened by the button: a command, optionally after the wake phrase.</summary>
    Command,

    /// <summary>Opened by the device's voice detector: the wake phrase first, then optionally a command.</summary>
    Wake,

    /// <summary>A question is open: a command, or an answer ("five minutes", "yes", "the kitchen one").</summary>
    Answer,
}
