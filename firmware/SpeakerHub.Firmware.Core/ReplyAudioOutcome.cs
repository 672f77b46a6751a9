namespace SpeakerHub.Firmware.Core
{
    /// <summary>How a reply's audio stream ended.</summary>
    public enum ReplyAudioOutcome
    {
        /// <summary>The final chunk arrived and everything was played.</summary>
        Played = 0,

        /// <summary>No chunk came for <c>DeviceOptions.ReplyStallMs</c>: what had arrived was played.</summary>
        Stalled = 1,

        /// <summary>Cut off: barge-in, stop, another interaction or a lost link.</summary>
        Interrupted = 2,
    }
}
