using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Ota;

namespace SpeakerHub.Firmware.Storage
{
    /// <summary>The updater's progress record on internal flash, power-cut safe through two alternating copies.</summary>
    public sealed class UpdateRecordStore : ISettingsStore
    {
        private readonly AlternatingRecordFile _file = new AlternatingRecordFile(FlashPaths.UpdateRecord, UpdateRecord.MaxEncodedLength);

        public int Load(byte[] buffer)
        {
            return _file.Load(buffer);
        }

        public void Save(byte[] buffer, int count)
        {
            _file.Save(buffer, count);
        }
    }
}
