namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// A command on <c>down/cmd</c>. <see cref="Message.CorrelationId"/> is the command id: never zero,
    /// unique per device, and the key the device de-duplicates on when QoS 1 or a post-reconnect resend
    /// delivers it again.
    /// </summary>
    public sealed class Command : Message
    {
        public const byte TagName = 1;
        public const byte TagNumber = 2;
        public const byte TagText = 3;

        public const int MaxNameLength = 64;

        public string Name;
        public int Number;
        public string Text;

        public override byte Type
        {
            get { return MessageType.Command; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagName, Name);
            writer.WriteInt32(TagNumber, Number);
            writer.WriteString(TagText, Text);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagName: Name = reader.ReadString(); break;
                case TagNumber: Number = reader.ReadInt32(); break;
                case TagText: Text = reader.ReadString(); break;
            }
        }

        protected override void Clear()
        {
            Name = null;
            Number = 0;
            Text = null;
        }

        protected override ProtocolError Validate()
        {
            if (CorrelationId == 0 || Name == null || Name.Length == 0)
            {
                return ProtocolError.MissingField;
            }

            return Name.Length > MaxNameLength ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
