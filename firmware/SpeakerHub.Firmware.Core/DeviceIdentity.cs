using SpeakerHub.Protocol;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>Who the device is; fixed for its lifetime and announced in every Hello.</summary>
    public sealed class DeviceIdentity
    {
        public DeviceIdentity(string deviceId, string model, string firmwareVersion, int capabilities)
        {
            if (!Topics.IsValidDeviceId(deviceId))
            {
                throw new System.ArgumentException("device id must be 1..64 letters, digits, '-' or '_'");
            }

            if (model == null || model.Length == 0 || firmwareVersion == null || firmwareVersion.Length == 0)
            {
                throw new System.ArgumentException("model and firmware version are required");
            }

            DeviceId = deviceId;
            Model = model;
            FirmwareVersion = firmwareVersion;
            Capabilities = capabilities;
        }

        public string DeviceId { get; }

        public string Model { get; }

        public string FirmwareVersion { get; }

        /// <summary>Bitmask of <c>Hello.Capability*</c>.</summary>
        public int Capabilities { get; }
    }
}
