namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// Up to <see cref="MaxFrames"/> 20 ms frames of microphone audio on <c>up/voice</c> (the shape and
    /// rules are <see cref="AudioChunk"/>'s). The reply carries the interaction id back. Every chunk of an
    /// utterance names what opened it (<see cref="Trigger"/>), so the cloud knows whether a wake phrase
    /// has to be confirmed first.
    /// </summary>
    public sealed class VoiceChunk : AudioChunk
    {
        public const byte TagTrigger = 4;

        /// <summary>The talk button (tap or hold); also what an absent trigger field means.</summary>
        public const byte TriggerButton = 1;

        /// <summary>Speech onset while idle: the cloud checks for the wake phrase before acting.</summary>
        public const byte TriggerWake = 2;

        /// <summary>The answer to a reply that asked a question; no wake phrase expected.</summary>
        public const byte TriggerFollowUp = 3;

        /// <summary>
        /// Frames per message (DESIGN §2): 60 ms of audio in ~0.5 KB keeps MQTT overhead low without
        /// holding speech back long enough for the cloud's recogniser to fall behind.
        /// </summary>
        public const int MaxFrames = 3;

        public const int MaxBlocksLength = MaxFrames * BlockLength;

        /// <summary>Largest encoded chunk, trace context included: what a device's voice writer must hold.</summary>
        public const int MaxMessageLength = FixedMessageLength + MessageWriter.FieldHeaderLength + 1 + MaxBlocksLength;

        /// <summary>One of the Trigger constants; 0 after a decode means absent, which is read as the button.</summary>
        public byte Trigger;

        public VoiceChunk()
            : base(MaxFrames, false)
        {
        }

        public override byte Type
        {
            get { return MessageType.VoiceChunk; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            base.WriteFields(writer);
            if (Trigger != 0)
            {
                writer.WriteByte(TagTrigger, Trigger);
            }
        }

        protected override void ReadField(FieldReader reader)
        {
            if (reader.Tag == TagTrigger)
            {
                Trigger = reader.ReadByte();
                return;
            }

            base.ReadField(reader);
        }

        protected override void Clear()
        {
            base.Clear();
            Trigger = 0;
        }

        protected override ProtocolError Validate()
        {
            return Trigger > TriggerFollowUp ? ProtocolError.OutOfRange : base.Validate();
        }
    }
}
