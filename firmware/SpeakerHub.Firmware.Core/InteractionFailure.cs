namespace SpeakerHub.Firmware.Core
{
    /// <summary>Why an utterance got no reply.</summary>
    public enum InteractionFailure
    {
        TimedOut = 0,
        ConnectionLost = 1,
        Cancelled = 2,
    }
}
