namespace SpeakerHub.Firmware.Core.Audio
{
    /// <summary>What <see cref="ReplyJitterBuffer.Take"/> put into the playback frame.</summary>
    public enum ReplyFrame
    {
        /// <summary>Nothing: the next frame has not arrived and nothing after it has either.</summary>
        Waiting = 0,

        Decoded = 1,

        /// <summary>Silence in place of a frame that did not arrive in time.</summary>
        Concealed = 2,

        /// <summary>Nothing: every frame of the reply has been taken.</summary>
        Ended = 3,
    }
}
