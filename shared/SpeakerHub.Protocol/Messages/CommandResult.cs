namespace SpeakerHub.Protocol.Messages
{
    /// <summary>The device's answer to a command, on <c>up/res</c>; the correlation id is the command id.</summary>
    public sealed class CommandResult : Message
    {
        public const byte TagOutcome = 1;
        public const byte TagDetail = 2;

        public const byte OutcomeDone = 0;
        public const byte OutcomeFailed = 1;
        public const byte OutcomeUnsupported = 2;
        private const byte HighestOutcome = OutcomeUnsupported;

        public byte Outcome;
        public string Detail;

        public override byte Type
        {
            get { return MessageType.CommandResult; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteByte(TagOutcome, Outcome);
            writer.WriteString(TagDetail, Detail);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagOutcome: Outcome = reader.ReadByte(); break;
                case TagDetail: Detail = reader.ReadString(); break;
            }
        }

        protected override void Clear()
        {
            Outcome = OutcomeDone;
            Detail = null;
        }

        protected override ProtocolError Validate()
        {
            if (CorrelationId == 0)
            {
                return ProtocolError.MissingField;
            }

            return Outcome > HighestOutcome ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
