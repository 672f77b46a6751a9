using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Storage
{
    /// <summary>Core's settings record on internal flash, power-cut safe through two alternating copies.</summary>
    public sealed class FlashSettingsStore : ISettingsStore
    {
        /// <summary>Larger than Core's record with its 32-entry command ring (17 + 32 × 5 + 2 = 179 B).</summary>
        public const int MaxRecordBytes = 256;

        private readonly AlternatingRecordFile _file = new AlternatingRecordFile(FlashPaths.Settings, MaxRecordBytes);

        public int Load(byte[] buffer)
        {
            return _file.Load(buffer);
        }

        public void Save(byte[] buffer, int count)
        {
            // A failed write keeps the previous record; the next change saves again, so nothing to retry here.
            _file.Save(buffer, count);
        }
    }
}
