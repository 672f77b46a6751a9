namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// Up to <see cref="MaxFrames"/> 20 ms frames of the assistant's voice on <c>down/reply</c>, after a
    /// <see cref="Reply"/> with <see cref="Reply.AudioFollows"/> and the same correlation id (the shape and
    /// rules are <see cref="AudioChunk"/>'s). The sequence is the index of the chunk's first frame in the
    /// reply. Unlike an utterance, a reply may end with an empty final chunk: the synthesiser learns that
    /// its speech is over only after the last frame went out.
    /// </summary>
    public sealed class ReplyAudio : AudioChunk
    {
        /// <summary>
        /// Half a second per message: big enough that a reply costs few MQTT publishes, small enough
        /// (4 KB) to travel as one downlink through the device's inbox budget.
        /// </summary>
        public const int MaxFrames = 25;

        public const int MaxBlocksLength = MaxFrames * BlockLength;

        public const int MaxMessageLength = FixedMessageLength + MaxBlocksLength;

        public ReplyAudio()
            : base(MaxFrames, true)
        {
        }

        public override byte Type
        {
            get { return MessageType.ReplyAudio; }
        }
    }
}
