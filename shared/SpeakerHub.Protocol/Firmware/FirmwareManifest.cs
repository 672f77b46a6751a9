namespace SpeakerHub.Protocol.Firmware
{
    /// <summary>
    /// What a bundle says about its image (docs/protocol.md §Firmware bundles), as tag-length-value
    /// fields like a message payload. The signature covers it, and it carries the image's SHA-256, so
    /// a valid signature vouches for every byte of the image.
    /// </summary>
    public sealed class FirmwareManifest
    {
        public const byte TagModel = 1;
        public const byte TagVersion = 2;
        public const byte TagMinimumVersion = 3;
        public const byte TagImageLength = 4;
        public const byte TagImageSha256 = 5;
        public const byte TagChunkSize = 6;
        public const byte TagKeyId = 7;
        public const byte TagCreated = 8;
        public const byte TagNotes = 9;

        public const int MaxModelLength = 64;
        public const int MaxNotesLength = 256;
        public const int KeyIdLength = 8;
        public const int MinChunkSize = 1024;
        public const int MaxChunkSize = Messages.OtaChunk.MaxDataLength;
        public const int DefaultChunkSize = 8 * 1024;

        /// <summary>9999-12-31T23:59:59Z: no calendar (and no DateTimeOffset) goes further.</summary>
        public const long MaxCreatedUnixSeconds = 253402300799L;

        private const int FieldHeaderLength = 3;

        public string Model;
        public string Version;

        /// <summary>
        /// The anti-rollback floor: once this image is confirmed, the device refuses any image older
        /// than this. Empty or null means the image's own version does not raise the floor.
        /// </summary>
        public string MinimumVersion;

        public int ImageLength;
        public byte[] ImageSha256;
        public int ChunkSize;

        /// <summary>First 8 bytes of the SHA-256 of the signing public key: which key to check with.</summary>
        public byte[] KeyId;

        /// <summary>Unix seconds; 0 when absent.</summary>
        public long CreatedUnixSeconds;

        public string Notes;

        /// <summary>Decodes and checks every rule; never throws, never reads outside the range.</summary>
        public ProtocolError ReadFrom(byte[] buffer, int offset, int count)
        {
            Model = null;
            Version = null;
            MinimumVersion = null;
            ImageLength = 0;
            ImageSha256 = null;
            ChunkSize = 0;
            KeyId = null;
            CreatedUnixSeconds = 0;
            Notes = null;
            FieldReader reader = new FieldReader();
            reader.Reset(buffer, offset, count);
            while (reader.Next())
            {
                switch (reader.Tag)
                {
                    case TagModel: Model = reader.ReadString(); break;
                    case TagVersion: Version = reader.ReadString(); break;
                    case TagMinimumVersion: MinimumVersion = reader.ReadString(); break;
                    case TagImageLength: ImageLength = reader.ReadInt32(); break;
                    case TagImageSha256: ImageSha256 = ReadFixed(reader, Security.Sha256.HashLength); break;
                    case TagChunkSize: ChunkSize = reader.ReadInt32(); break;
                    case TagKeyId: KeyId = ReadFixed(reader, KeyIdLength); break;
                    case TagCreated: CreatedUnixSeconds = reader.ReadInt64(); break;
                    case TagNotes: Notes = reader.ReadString(); break;
                }

                if (reader.Error != ProtocolError.None)
                {
                    return reader.Error;
                }
            }

            if (reader.Error != ProtocolError.None)
            {
                return reader.Error;
            }

            return Validate();
        }

        /// <summary>The rules every manifest obeys, for both the decoder and the bundle builder.</summary>
        public ProtocolError Validate()
        {
            if (Model == null || Model.Length == 0 || Version == null || ImageSha256 == null || KeyId == null
                || ImageLength == 0 || ChunkSize == 0)
            {
                return ProtocolError.MissingField;
            }

            bool hasMinimum = MinimumVersion != null && MinimumVersion.Length > 0;
            if (Model.Length > MaxModelLength || !FirmwareVersion.IsValid(Version)
                || (hasMinimum && (!FirmwareVersion.IsValid(MinimumVersion) || FirmwareVersion.Compare(MinimumVersion, Version) > 0))
                || ImageLength < 0 || ChunkSize < MinChunkSize || ChunkSize > MaxChunkSize
                || ImageSha256.Length != Security.Sha256.HashLength || KeyId.Length != KeyIdLength
                || CreatedUnixSeconds < 0 || CreatedUnixSeconds > MaxCreatedUnixSeconds || (Notes != null && Notes.Length > MaxNotesLength))
            {
                return ProtocolError.OutOfRange;
            }

            return ProtocolError.None;
        }

        /// <summary>The encoded fields, or null when the manifest breaks a rule.</summary>
        public byte[] Encode()
        {
            if (Validate() != ProtocolError.None)
            {
                return null;
            }

            byte[] model = System.Text.Encoding.UTF8.GetBytes(Model);
            byte[] version = System.Text.Encoding.UTF8.GetBytes(Version);
            byte[] minimum = MinimumVersion == null ? null : System.Text.Encoding.UTF8.GetBytes(MinimumVersion);
            byte[] notes = Notes == null ? null : System.Text.Encoding.UTF8.GetBytes(Notes);
            int length = (FieldHeaderLength * 7) + model.Length + version.Length + 4 + ImageSha256.Length + 4 + KeyId.Length + 8
                + (minimum == null ? 0 : FieldHeaderLength + minimum.Length)
                + (notes == null ? 0 : FieldHeaderLength + notes.Length);
            byte[] encoded = new byte[length];
            int position = 0;
            position = Put(encoded, position, TagModel, model, 0, model.Length);
            position = Put(encoded, position, TagVersion, version, 0, version.Length);
            if (minimum != null)
            {
                position = Put(encoded, position, TagMinimumVersion, minimum, 0, minimum.Length);
            }

            byte[] number = new byte[8];
            BigEndian.WriteUInt32(number, 0, (uint)ImageLength);
            position = Put(encoded, position, TagImageLength, number, 0, 4);
            position = Put(encoded, position, TagImageSha256, ImageSha256, 0, ImageSha256.Length);
            BigEndian.WriteUInt32(number, 0, (uint)ChunkSize);
            position = Put(encoded, position, TagChunkSize, number, 0, 4);
            position = Put(encoded, position, TagKeyId, KeyId, 0, KeyId.Length);
            BigEndian.WriteInt64(number, 0, CreatedUnixSeconds);
            position = Put(encoded, position, TagCreated, number, 0, 8);
            if (notes != null)
            {
                Put(encoded, position, TagNotes, notes, 0, notes.Length);
            }

            return encoded;
        }

        private static int Put(byte[] target, int position, byte tag, byte[] value, int offset, int count)
        {
            target[position] = tag;
            BigEndian.WriteUInt16(target, position + 1, (ushort)count);
            System.Array.Copy(value, offset, target, position + FieldHeaderLength, count);
            return position + FieldHeaderLength + count;
        }

        private static byte[] ReadFixed(FieldReader reader, int length)
        {
            if (reader.ValueLength != length)
            {
                reader.Error = ProtocolError.BadFieldLength;
                return null;
            }

            return reader.ReadBytes();
        }
    }
}
