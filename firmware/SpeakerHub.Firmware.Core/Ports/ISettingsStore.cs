namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// One small record in flash (a file on the host). Saved whole, so a power cut leaves either the old
    /// or the new record; <see cref="Settings.DeviceSettings"/> carries a checksum for stores that cannot
    /// promise that.
    /// </summary>
    public interface ISettingsStore
    {
        /// <summary>Copies the saved record into <paramref name="buffer"/>; returns its length, 0 when none.</summary>
        int Load(byte[] buffer);

        void Save(byte[] buffer, int count);
    }
}
