using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// The device asks for a byte range of a firmware bundle, on <c>up/ota</c>. This is the flow
    /// control: the cloud sends only what was asked for, and the device asks for the next window once
    /// the previous one is in flash. Asking again from any offset is how a download resumes.
    /// </summary>
    public sealed class OtaRequest : Message
    {
        public const byte TagImageId = 1;
        public const byte TagOffset = 2;
        public const byte TagLength = 3;

        /// <summary>Largest window one request may ask for: a few chunks in flight, never a whole image.</summary>
        public const int MaxLength = 256 * 1024;

        public string ImageId;
        public int Offset;
        public int Length;

        public override byte Type
        {
            get { return MessageType.OtaRequest; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagImageId, ImageId);
            writer.WriteInt32(TagOffset, Offset);
            writer.WriteInt32(TagLength, Length);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagImageId: ImageId = reader.ReadString(); break;
                case TagOffset: Offset = reader.ReadInt32(); break;
                case TagLength: Length = reader.ReadInt32(); break;
            }
        }

        protected override void Clear()
        {
            ImageId = null;
            Offset = -1;
            Length = 0;
        }

        protected override ProtocolError Validate()
        {
            if (ImageId == null || ImageId.Length == 0 || Offset < 0 || Length == 0)
            {
                return ProtocolError.MissingField;
            }

            return FirmwareImageId.IsValid(ImageId) && Length > 0 && Length <= MaxLength ? ProtocolError.None : ProtocolError.OutOfRange;
        }
    }
}
