namespace SpeakerHub.Protocol.Messages
{
    /// <summary>First message after every (re)connect, on <c>up/hello</c>.</summary>
    public sealed class Hello : Message
    {
        public const byte TagFirmwareVersion = 1;
        public const byte TagModel = 2;
        public const byte TagBootCount = 3;
        public const byte TagCapabilities = 4;

        public const int CapabilityMicrophone = 0x01;
        public const int CapabilitySpeaker = 0x02;
        public const int CapabilityScreen = 0x04;
        public const int CapabilityOfflineCommands = 0x08;

        public string FirmwareVersion;
        public string Model;
        public int BootCount;
        public int Capabilities;

        public override byte Type
        {
            get { return MessageType.Hello; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagFirmwareVersion, FirmwareVersion);
            writer.WriteString(TagModel, Model);
            writer.WriteInt32(TagBootCount, BootCount);
            writer.WriteInt32(TagCapabilities, Capabilities);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagFirmwareVersion: FirmwareVersion = reader.ReadString(); break;
                case TagModel: Model = reader.ReadString(); break;
                case TagBootCount: BootCount = reader.ReadInt32(); break;
                case TagCapabilities: Capabilities = reader.ReadInt32(); break;
            }
        }

        protected override void Clear()
        {
            FirmwareVersion = null;
            Model = null;
            BootCount = 0;
            Capabilities = 0;
        }

        protected override ProtocolError Validate()
        {
            if (FirmwareVersion == null || FirmwareVersion.Length == 0 || Model == null || Model.Length == 0)
            {
                return ProtocolError.MissingField;
            }

            return ProtocolError.None;
        }
    }
}
