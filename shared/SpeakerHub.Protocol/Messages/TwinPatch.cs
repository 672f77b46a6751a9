namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// A partial twin: desired (cloud → device, <c>down/twin</c>) or reported (device → cloud, <c>up/twin</c>).
    /// Only properties flagged in <see cref="Present"/> travel. <see cref="Version"/> is the desired
    /// version the patch belongs to; a device reports the version it has applied, so the cloud can tell
    /// an acknowledged change from a stale one.
    /// </summary>
    public sealed class TwinPatch : Message
    {
        public const byte TagVersion = 1;
        public const byte TagVolume = 2;
        public const byte TagMuted = 3;
        public const byte TagWakeSensitivity = 4;
        public const byte TagFirmwareTarget = 5;

        public const int HasVolume = 0x01;
        public const int HasMuted = 0x02;
        public const int HasWakeSensitivity = 0x04;
        public const int HasFirmwareTarget = 0x08;

        /// <summary>Volume is in steps 0..10, the scale people say out loud ("volume five").</summary>
        public const int MaxVolume = 10;
        public const int MaxWakeSensitivity = 100;

        private readonly bool _reported;
        private bool _hasVersion;

        public long Version;
        public int Present;
        public int Volume;
        public bool Muted;
        public int WakeSensitivity;
        public string FirmwareTarget;

        public TwinPatch(bool reported)
        {
            _reported = reported;
        }

        public bool IsReported
        {
            get { return _reported; }
        }

        public override byte Type
        {
            get { return _reported ? MessageType.TwinReported : MessageType.TwinDesired; }
        }

        public bool Has(int property)
        {
            return (Present & property) != 0;
        }

        public void SetVolume(int volume)
        {
            Volume = volume;
            Present |= HasVolume;
        }

        public void SetMuted(bool muted)
        {
            Muted = muted;
            Present |= HasMuted;
        }

        public void SetWakeSensitivity(int sensitivity)
        {
            WakeSensitivity = sensitivity;
            Present |= HasWakeSensitivity;
        }

        public void SetFirmwareTarget(string version)
        {
            FirmwareTarget = version;
            Present |= HasFirmwareTarget;
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteInt64(TagVersion, Version);
            if (Has(HasVolume))
            {
                writer.WriteInt32(TagVolume, Volume);
            }

            if (Has(HasMuted))
            {
                writer.WriteBool(TagMuted, Muted);
            }

            if (Has(HasWakeSensitivity))
            {
                writer.WriteInt32(TagWakeSensitivity, WakeSensitivity);
            }

            if (Has(HasFirmwareTarget))
            {
                writer.WriteString(TagFirmwareTarget, FirmwareTarget);
            }
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagVersion:
                    Version = reader.ReadInt64();
                    _hasVersion = true;
                    break;
                case TagVolume:
                    SetVolume(reader.ReadInt32());
                    break;
                case TagMuted:
                    SetMuted(reader.ReadBool());
                    break;
                case TagWakeSensitivity:
                    SetWakeSensitivity(reader.ReadInt32());
                    break;
                case TagFirmwareTarget:
                    SetFirmwareTarget(reader.ReadString());
                    break;
            }
        }

        protected override void Clear()
        {
            Version = 0;
            Present = 0;
            Volume = 0;
            Muted = false;
            WakeSensitivity = 0;
            FirmwareTarget = null;
            _hasVersion = false;
        }

        protected override ProtocolError Validate()
        {
            if (!_hasVersion)
            {
                return ProtocolError.MissingField;
            }

            if (Version < 0
                || (Has(HasVolume) && (Volume < 0 || Volume > MaxVolume))
                || (Has(HasWakeSensitivity) && (WakeSensitivity < 0 || WakeSensitivity > MaxWakeSensitivity)))
            {
                return ProtocolError.OutOfRange;
            }

            return ProtocolError.None;
        }
    }
}
