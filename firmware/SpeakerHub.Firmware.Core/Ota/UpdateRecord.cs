using SpeakerHub.Firmware.Core.Settings;
using SpeakerHub.Protocol;

namespace SpeakerHub.Firmware.Core.Ota
{
    /// <summary>
    /// What the updater keeps in flash across restarts and power cuts: the download under way and how far
    /// it got, the image staged for its trial boot, the anti-rollback floor, the image installed last and
    /// the last image refused (so an offer that stays in the twin is not downloaded again and again), and
    /// an offer that came while another update ran, to be taken up when that one ends.
    /// Layout v2: <c>format | phase | slot | written (4) | total (4) | 5 × (length, ASCII text) | refused
    /// state | refused reason | Fletcher-16</c>. A record that fails its checksum loads as "nothing under way".
    /// </summary>
    public sealed class UpdateRecord
    {
        public const byte Format = 2;

        public const byte PhaseIdle = 0;

        /// <summary>An image was accepted and its slot is being erased; a restart erases again.</summary>
        public const byte PhaseErasing = 1;

        public const byte PhaseDownloading = 2;

        /// <summary>Verified and marked pending: the next boots try it.</summary>
        public const byte PhaseStaged = 3;

        /// <summary>Large enough for every field at its longest.</summary>
        public const int MaxEncodedLength = 128;

        private const int MaxTextLength = 24;
        private const int ChecksumLength = 2;

        public byte Phase;
        public int Slot;
        public int Written;
        public int Total;
        public string ImageId;
        public string Floor;
        public string InstalledImageId;
        public string RefusedImageId;
        public string DeferredImageId;
        public byte RefusedState;
        public byte RefusedReason;

        public UpdateRecord()
        {
            Clear();
        }

        public void Clear()
        {
            Phase = PhaseIdle;
            Slot = 0;
            Written = 0;
            Total = 0;
            ImageId = null;
            Floor = null;
            InstalledImageId = null;
            RefusedImageId = null;
            DeferredImageId = null;
            RefusedState = 0;
            RefusedReason = 0;
        }

        public int WriteTo(byte[] buffer)
        {
            buffer[0] = Format;
            buffer[1] = Phase;
            buffer[2] = (byte)Slot;
            BigEndian.WriteUInt32(buffer, 3, (uint)Written);
            BigEndian.WriteUInt32(buffer, 7, (uint)Total);
            int position = 11;
            position = PutText(buffer, position, ImageId);
            position = PutText(buffer, position, Floor);
            position = PutText(buffer, position, InstalledImageId);
            position = PutText(buffer, position, RefusedImageId);
            position = PutText(buffer, position, DeferredImageId);
            buffer[position] = RefusedState;
            buffer[position + 1] = RefusedReason;
            position += 2;
            BigEndian.WriteUInt16(buffer, position, Fletcher16.Compute(buffer, 0, position));
            return position + ChecksumLength;
        }

        /// <summary>Loads a saved record; anything invalid leaves a cleared record and returns false.</summary>
        public bool ReadFrom(byte[] buffer, int count)
        {
            Clear();
            if (buffer == null || count < 11 + 5 + 2 + ChecksumLength || count > buffer.Length || buffer[0] != Format)
            {
                return false;
            }

            int end = count - ChecksumLength;
            if (BigEndian.ReadUInt16(buffer, end) != Fletcher16.Compute(buffer, 0, end) || buffer[1] > PhaseStaged)
            {
                return false;
            }

            int[] cursor = new int[] { 11 };
            string imageId = TakeText(buffer, cursor, end);
            string floor = TakeText(buffer, cursor, end);
            string installed = TakeText(buffer, cursor, end);
            string refused = TakeText(buffer, cursor, end);
            string deferred = TakeText(buffer, cursor, end);
            if (cursor[0] < 0 || cursor[0] + 2 != end)
            {
                return false;
            }

            Phase = buffer[1];
            Slot = buffer[2];
            Written = (int)BigEndian.ReadUInt32(buffer, 3);
            Total = (int)BigEndian.ReadUInt32(buffer, 7);
            ImageId = imageId;
            Floor = floor;
            InstalledImageId = installed;
            RefusedImageId = refused;
            DeferredImageId = deferred;
            RefusedState = buffer[cursor[0]];
            RefusedReason = buffer[cursor[0] + 1];
            return true;
        }

        private static int PutText(byte[] buffer, int position, string text)
        {
            int length = text == null ? 0 : text.Length;
            if (length > MaxTextLength)
            {
                length = 0;
            }

            buffer[position] = (byte)length;
            for (int i = 0; i < length; i++)
            {
                buffer[position + 1 + i] = (byte)text[i];
            }

            return position + 1 + length;
        }

        // cursor[0] becomes -1 when the text runs past the end.
        private static string TakeText(byte[] buffer, int[] cursor, int end)
        {
            int position = cursor[0];
            if (position < 0 || position >= end || buffer[position] > MaxTextLength || position + 1 + buffer[position] > end)
            {
                cursor[0] = -1;
                return null;
            }

            int length = buffer[position];
            cursor[0] = position + 1 + length;
            if (length == 0)
            {
                return null;
            }

            char[] text = new char[length];
            for (int i = 0; i < length; i++)
            {
                text[i] = (char)buffer[position + 1 + i];
            }

            return new string(text);
        }
    }
}
