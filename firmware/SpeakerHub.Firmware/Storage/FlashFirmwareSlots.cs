using System.IO;
using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Storage
{
    /// <summary>
    /// A/B application slots as two files on internal flash plus the boot record. nanoFramework runs
    /// managed assemblies, so an "image" is the app's PE bundle; the stable loader reads the boot record
    /// and loads the slot's assemblies (Assembly.Load). Slots are files rather than raw partitions
    /// because nanoFramework gives managed code no raw flash API; the file system's wear levelling is a
    /// bonus. The running slot is never opened for writing.
    /// </summary>
    public sealed class FlashFirmwareSlots : IFirmwareSlots
    {
        /// <summary>
        /// A PE bundle of this app with its libraries is ~200 KB; two slots plus records must fit the
        /// internal flash partition of the nanoFramework ESP32 image (docs/firmware.md §Flash layout).
        /// </summary>
        public const int SlotBytes = 320 * 1024;

        private const int SlotCount = 2;

        private readonly AlternatingRecordFile _file = new AlternatingRecordFile(FlashPaths.BootRecord, BootRecord.EncodedLength);
        private readonly byte[] _recordBuffer = new byte[BootRecord.EncodedLength];
        private readonly BootRecord _record = new BootRecord();
        private int _activeSlot;

        /// <summary>Reads the boot record and spends one trial if this boot runs a pending image.</summary>
        public FlashFirmwareSlots()
        {
            _record.ReadFrom(_recordBuffer, _file.Load(_recordBuffer));
            _activeSlot = _record.BootSlot;
            if (_record.PendingSlot != BootRecord.NoSlot)
            {
                if (_record.TrialsLeft > 0)
                {
                    _record.TrialsLeft--;
                }
                else
                {
                    // Out of trials: the loader already booted the confirmed slot; forget the bad image.
                    _record.PendingSlot = BootRecord.NoSlot;
                }

                SaveRecord();
            }
        }

        public int ActiveSlot
        {
            get { return _activeSlot; }
        }

        public int SlotCapacity
        {
            get { return SlotBytes; }
        }

        public int PendingSlot
        {
            get { return _record.PendingSlot; }
        }

        public bool Erase(int slot)
        {
            if (!IsWritable(slot))
            {
                return false;
            }

            try
            {
                string path = SlotPath(slot);
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public bool Write(int slot, int offset, byte[] buffer, int bufferOffset, int count)
        {
            if (!IsWritable(slot) || offset < 0 || count < 0 || offset + count > SlotBytes)
            {
                return false;
            }

            try
            {
                using (FileStream stream = new FileStream(SlotPath(slot), FileMode.OpenOrCreate, FileAccess.Write))
                {
                    stream.Seek(offset, SeekOrigin.Begin);
                    stream.Write(buffer, bufferOffset, count);
                    stream.Flush();
                }

                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public int Read(int slot, int offset, byte[] buffer, int bufferOffset, int count)
        {
            if (slot < 0 || slot >= SlotCount || offset < 0 || count < 0)
            {
                return -1;
            }

            try
            {
                string path = SlotPath(slot);
                if (!File.Exists(path))
                {
                    return 0;
                }

                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    stream.Seek(offset, SeekOrigin.Begin);
                    return stream.Read(buffer, bufferOffset, count);
                }
            }
            catch (IOException)
            {
                return -1;
            }
        }

        public bool MarkPending(int slot, int imageLength)
        {
            if (!IsWritable(slot) || imageLength <= 0 || imageLength > SlotBytes)
            {
                return false;
            }

            _record.PendingSlot = slot;
            _record.PendingLength = imageLength;
            _record.TrialsLeft = BootRecord.TrialBoots;
            return SaveRecord();
        }

        public bool ConfirmActive()
        {
            if (_record.PendingSlot != _activeSlot)
            {
                // Nothing on trial, or the trial image is not the one running: nothing to confirm.
                return _record.PendingSlot == BootRecord.NoSlot;
            }

            _record.ConfirmedSlot = _activeSlot;
            _record.PendingSlot = BootRecord.NoSlot;
            _record.TrialsLeft = 0;
            _record.PendingLength = 0;
            return SaveRecord();
        }

        private bool IsWritable(int slot)
        {
            return slot >= 0 && slot < SlotCount && slot != _activeSlot;
        }

        private bool SaveRecord()
        {
            _record.WriteTo(_recordBuffer);
            return _file.Save(_recordBuffer, BootRecord.EncodedLength);
        }

        private static string SlotPath(int slot)
        {
            return FlashPaths.SlotPrefix + (slot == 0 ? "0" : "1") + FlashPaths.SlotExtension;
        }
    }
}
