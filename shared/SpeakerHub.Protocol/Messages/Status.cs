namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// Presence on <c>up/status</c>, retained. The same message with <see cref="Online"/> false is the
    /// MQTT last will, so the cloud learns of a dead link from the broker itself.
    /// </summary>
    public sealed class Status : Message
    {
        public const byte TagOnline = 1;
        public const byte TagReason = 2;

        public bool Online;
        public string Reason;

        private bool _hasOnline;

        public override byte Type
        {
            get { return MessageType.Status; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteBool(TagOnline, Online);
            writer.WriteString(TagReason, Reason);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagOnline: Online = reader.ReadBool(); _hasOnline = true; break;
                case TagReason: Reason = reader.ReadString(); break;
            }
        }

        protected override void Clear()
        {
            Online = false;
            Reason = null;
            _hasOnline = false;
        }

        protected override ProtocolError Validate()
        {
            return _hasOnline ? ProtocolError.None : ProtocolError.MissingField;
        }
    }
}
