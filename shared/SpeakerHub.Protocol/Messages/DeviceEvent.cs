namespace SpeakerHub.Protocol.Messages
{
    /// <summary>Something that happened on the device (button, boot, local command), on <c>up/evt</c>.</summary>
    public sealed class DeviceEvent : Message
    {
        public const byte TagName = 1;
        public const byte TagDetail = 2;
        public const byte TagValue = 3;

        public const int MaxNameLength = 64;

        public string Name;
        public string Detail;
        public int Value;

        public override byte Type
        {
            get { return MessageType.Event; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagName, Name);
            writer.WriteString(TagDetail, Detail);
            writer.WriteInt32(TagValue, Value);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagName: Name = reader.ReadString(); break;
                case TagDetail: Detail = reader.ReadString(); break;
                case TagValue: Value = reader.ReadInt32(); break;
            }
        }

        protected override void Clear()
        {
            Name = null;
            Detail = null;
            Value = 0;
        }

        protected override ProtocolError Validate()
        {
            if (Name == null || Name.Length == 0)
            {
                return ProtocolError.MissingField;
            }

            return Name.Length > MaxNameLength ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
