namespace SpeakerHub.Firmware.Storage
{
    /// <summary>
    /// Which application slot boots, kept by the small stable loader and the app together. Layout v1:
    /// format | confirmed slot | pending slot (0xFF none) | trials left | pending image length u32.
    /// The loader boots the pending slot while trials are left and the confirmed slot otherwise, so an
    /// image that crashes before it confirms falls back by itself.
    /// </summary>
    public sealed class BootRecord
    {
        public const byte Format = 1;
        public const int NoSlot = -1;
        public const int EncodedLength = 8;

        /// <summary>Boots a new image may take to reach the cloud and confirm itself.</summary>
        public const int TrialBoots = 3;

        private const byte NoSlotByte = 0xFF;

        public int ConfirmedSlot;
        public int PendingSlot = NoSlot;
        public int TrialsLeft;
        public int PendingLength;

        /// <summary>The slot this boot runs from: the pending one while it still has trials.</summary>
        public int BootSlot
        {
            get { return PendingSlot != NoSlot && TrialsLeft > 0 ? PendingSlot : ConfirmedSlot; }
        }

        public void WriteTo(byte[] buffer)
        {
            buffer[0] = Format;
            buffer[1] = (byte)ConfirmedSlot;
            buffer[2] = PendingSlot == NoSlot ? NoSlotByte : (byte)PendingSlot;
            buffer[3] = (byte)TrialsLeft;
            SpeakerHub.Protocol.BigEndian.WriteUInt32(buffer, 4, (uint)PendingLength);
        }

        /// <summary>False (and slot 0, nothing pending) for a missing or unknown record.</summary>
        public bool ReadFrom(byte[] buffer, int count)
        {
            ConfirmedSlot = 0;
            PendingSlot = NoSlot;
            TrialsLeft = 0;
            PendingLength = 0;
            if (count != EncodedLength || buffer[0] != Format || buffer[1] > 1 || (buffer[2] > 1 && buffer[2] != NoSlotByte))
            {
                return false;
            }

            ConfirmedSlot = buffer[1];
            PendingSlot = buffer[2] == NoSlotByte ? NoSlot : buffer[2];
            TrialsLeft = buffer[3];
            PendingLength = (int)SpeakerHub.Protocol.BigEndian.ReadUInt32(buffer, 4);
            return true;
        }
    }
}
