using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// Where an update stands on the device, on <c>up/ota</c>: progress while downloading, then one
    /// terminal state. Queued like other reports while offline, so the outcome of an update that
    /// rebooted the device still reaches the cloud.
    /// </summary>
    public sealed class OtaStatus : Message
    {
        public const byte TagImageId = 1;
        public const byte TagState = 2;
        public const byte TagBytesDone = 3;
        public const byte TagTotalLength = 4;
        public const byte TagReason = 5;
        public const byte TagDetail = 6;
        public const byte TagRunningVersion = 7;

        public const byte StateDownloading = 1;
        public const byte StateVerifying = 2;

        /// <summary>Verified and marked to boot on trial; the device restarts into it.</summary>
        public const byte StateStaged = 3;

        /// <summary>Booted, healthy and confirmed: the update succeeded.</summary>
        public const byte StateInstalled = 4;

        /// <summary>Refused or failed before the switch; <see cref="Reason"/> says why. The old image runs.</summary>
        public const byte StateFailed = 5;

        /// <summary>The new image did not confirm its health in time; the loader went back to the old one.</summary>
        public const byte StateRolledBack = 6;

        /// <summary>The offer was withdrawn before the switch.</summary>
        public const byte StateCancelled = 7;

        public const byte HighestState = StateCancelled;

        public const byte ReasonNone = 0;
        public const byte ReasonWrongModel = 1;
        public const byte ReasonDowngrade = 2;
        public const byte ReasonBusy = 3;
        public const byte ReasonTooLarge = 4;
        public const byte ReasonMalformedBundle = 5;
        public const byte ReasonHashMismatch = 6;
        public const byte ReasonBadSignature = 7;
        public const byte ReasonUntrustedKey = 8;
        public const byte ReasonFlashFault = 9;
        public const byte ReasonHealthNotConfirmed = 10;
        public const byte ReasonUnavailable = 11;
        public const byte HighestReason = ReasonUnavailable;

        public const int MaxDetailLength = 160;

        public string ImageId;
        public byte State;
        public int BytesDone;
        public int TotalLength;
        public byte Reason;
        public string Detail;
        public string RunningVersion;

        public override byte Type
        {
            get { return MessageType.OtaStatus; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagImageId, ImageId);
            writer.WriteByte(TagState, State);
            writer.WriteInt32(TagBytesDone, BytesDone);
            writer.WriteInt32(TagTotalLength, TotalLength);
            if (Reason != ReasonNone)
            {
                writer.WriteByte(TagReason, Reason);
            }

            writer.WriteString(TagDetail, Detail);
            writer.WriteString(TagRunningVersion, RunningVersion);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagImageId: ImageId = reader.ReadString(); break;
                case TagState: State = reader.ReadByte(); break;
                case TagBytesDone: BytesDone = reader.ReadInt32(); break;
                case TagTotalLength: TotalLength = reader.ReadInt32(); break;
                case TagReason: Reason = reader.ReadByte(); break;
                case TagDetail: Detail = reader.ReadString(); break;
                case TagRunningVersion: RunningVersion = reader.ReadString(); break;
            }
        }

        protected override void Clear()
        {
            ImageId = null;
            State = 0;
            BytesDone = 0;
            TotalLength = 0;
            Reason = ReasonNone;
            Detail = null;
            RunningVersion = null;
        }

        protected override ProtocolError Validate()
        {
            if (ImageId == null || State == 0)
            {
                return ProtocolError.MissingField;
            }

            if (!FirmwareImageId.IsValid(ImageId) || State > HighestState || Reason > HighestReason || BytesDone < 0
                || TotalLength < 0 || (Detail != null && Detail.Length > MaxDetailLength)
                || (RunningVersion != null && RunningVersion.Length > FirmwareVersion.MaxLength))
            {
                return ProtocolError.OutOfRange;
            }

            return ProtocolError.None;
        }
    }
}
