namespace SpeakerHub.Firmware.Storage
{
    /// <summary>The provisioning record on internal flash (two alternating copies, see <see cref="AlternatingRecordFile"/>).</summary>
    public sealed class ProvisioningStore
    {
        private readonly AlternatingRecordFile _file = new AlternatingRecordFile(FlashPaths.Provisioning, ProvisionedConfig.MaxEncodedBytes);

        /// <summary>The saved configuration, or an empty one when the device was never paired.</summary>
        public ProvisionedConfig Load()
        {
            byte[] buffer = new byte[ProvisionedConfig.MaxEncodedBytes];
            int length = _file.Load(buffer);
            ProvisionedConfig config = length > 0 ? ProvisionedConfig.ReadFrom(buffer, length) : null;
            return config ?? new ProvisionedConfig();
        }

        public bool Save(ProvisionedConfig config)
        {
            byte[] buffer = new byte[ProvisionedConfig.MaxEncodedBytes];
            int length = config.WriteTo(buffer);
            return length > 0 && _file.Save(buffer, length);
        }
    }
}
