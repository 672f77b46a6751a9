using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// A piece of a firmware bundle, on <c>down/ota</c>, answering an <see cref="OtaRequest"/>. The
    /// chunk that ends the bundle carries the <i>final</i> flag. When the cloud cannot serve the image
    /// (unknown, withdrawn) it answers with <see cref="Error"/> and no data. The data is read in place
    /// (<see cref="DataOffset"/> into <see cref="DataBuffer"/>), so receiving a chunk allocates nothing.
    /// </summary>
    public sealed class OtaChunk : Message
    {
        public const byte TagImageId = 1;
        public const byte TagOffset = 2;
        public const byte TagTotalLength = 3;
        public const byte TagData = 4;
        public const byte TagError = 5;

        /// <summary>Largest data field: fits one envelope with the other fields and a trace.</summary>
        public const int MaxDataLength = 15 * 1024;

        public string ImageId;
        public int Offset;
        public int TotalLength;
        public string Error;

        /// <summary>Writer side: the bytes to send.</summary>
        public byte[] DataBuffer;
        public int DataOffset;
        public int DataLength;

        public override byte Type
        {
            get { return MessageType.OtaChunk; }
        }

        public bool IsFinal
        {
            get { return (Flags & Envelope.FlagFinal) != 0; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagImageId, ImageId);
            writer.WriteInt32(TagOffset, Offset);
            writer.WriteInt32(TagTotalLength, TotalLength);
            if (Error != null)
            {
                writer.WriteString(TagError, Error);
            }
            else
            {
                writer.WriteBytes(TagData, DataBuffer, DataOffset, DataLength);
            }
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagImageId: ImageId = reader.ReadString(); break;
                case TagOffset: Offset = reader.ReadInt32(); break;
                case TagTotalLength: TotalLength = reader.ReadInt32(); break;
                case TagError: Error = reader.ReadString(); break;
                case TagData:
                    DataBuffer = reader.Buffer;
                    DataOffset = reader.ValueOffset;
                    DataLength = reader.ValueLength;
                    break;
            }
        }

        protected override void Clear()
        {
            ImageId = null;
            Offset = -1;
            TotalLength = -1;
            Error = null;
            DataBuffer = null;
            DataOffset = 0;
            DataLength = 0;
        }

        protected override ProtocolError Validate()
        {
            if (ImageId == null || Offset < 0 || TotalLength < 0 || (Error == null && DataBuffer == null))
            {
                return ProtocolError.MissingField;
            }

            if (!FirmwareImageId.IsValid(ImageId) || DataLength > MaxDataLength || Offset > TotalLength - DataLength)
            {
                return ProtocolError.OutOfRange;
            }

            return ProtocolError.None;
        }
    }
}
