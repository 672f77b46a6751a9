using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Firmware.Storage
{
    /// <summary>
    /// What pairing gives a device: Wi-Fi credentials, its identity and key, and where the broker is.
    /// The key is the device's only secret: it signs the MQTT password and never leaves the device.
    /// Layout v1: format | then each text as u16 length + UTF-8 in the order below | key (32) | port u16.
    /// </summary>
    public sealed class ProvisionedConfig
    {
        public const byte Format = 1;
        public const int SecureMqttPort = 8883;
        public const int PlainMqttPort = 1883;

        /// <summary>The provisioning record fits a CA chain of a couple of PEM certificates.</summary>
        public const int MaxEncodedBytes = 6144;

        private const int LengthPrefix = 2;
        private const int PortLength = 2;

        public string WifiSsid;
        public string WifiPassword;
        public string DeviceId;
        public byte[] DeviceKey;
        public string MqttHost;
        public int MqttPort = SecureMqttPort;

        /// <summary>PEM CA certificate of the broker; empty means plain MQTT (development only).</summary>
        public string CaCertificatePem = string.Empty;

        public bool HasWifi
        {
            get { return WifiSsid != null && WifiSsid.Length > 0; }
        }

        public bool HasIdentity
        {
            get { return Topics.IsValidDeviceId(DeviceId) && DeviceKey != null && DeviceKey.Length == DeviceToken.KeyLength; }
        }

        public bool HasBroker
        {
            get { return MqttHost != null && MqttHost.Length > 0 && MqttPort > 0; }
        }

        public bool IsComplete
        {
            get { return HasWifi && HasIdentity && HasBroker; }
        }

        public bool UsesTls
        {
            get { return CaCertificatePem != null && CaCertificatePem.Length > 0; }
        }

        /// <summary>Returns the encoded length, or -1 when it does not fit <paramref name="buffer"/>.</summary>
        public int WriteTo(byte[] buffer)
        {
            int position = 0;
            buffer[position++] = Format;
            position = WriteText(buffer, position, WifiSsid);
            position = WriteText(buffer, position, WifiPassword);
            position = WriteText(buffer, position, DeviceId);
            position = WriteText(buffer, position, MqttHost);
            position = WriteText(buffer, position, CaCertificatePem);
            if (position < 0 || position + DeviceToken.KeyLength + PortLength > buffer.Length || DeviceKey == null)
            {
                return -1;
            }

            System.Array.Copy(DeviceKey, 0, buffer, position, DeviceToken.KeyLength);
            position += DeviceToken.KeyLength;
            BigEndian.WriteUInt16(buffer, position, MqttPort);
            return position + PortLength;
        }

        /// <summary>Null for a record this firmware cannot read; pairing starts over then.</summary>
        public static ProvisionedConfig ReadFrom(byte[] buffer, int count)
        {
            if (count < 1 || buffer[0] != Format)
            {
                return null;
            }

            ProvisionedConfig config = new ProvisionedConfig();
            int[] position = new int[] { 1 };
            config.WifiSsid = ReadText(buffer, count, position);
            config.WifiPassword = ReadText(buffer, count, position);
            config.DeviceId = ReadText(buffer, count, position);
            config.MqttHost = ReadText(buffer, count, position);
            config.CaCertificatePem = ReadText(buffer, count, position);
            int at = position[0];
            if (config.CaCertificatePem == null || at + DeviceToken.KeyLength + PortLength != count)
            {
                return null;
            }

            config.DeviceKey = new byte[DeviceToken.KeyLength];
            System.Array.Copy(buffer, at, config.DeviceKey, 0, DeviceToken.KeyLength);
            config.MqttPort = BigEndian.ReadUInt16(buffer, at + DeviceToken.KeyLength);
            return config;
        }

        private static int WriteText(byte[] buffer, int position, string text)
        {
            if (position < 0)
            {
                return -1;
            }

            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text == null ? string.Empty : text);
            if (position + LengthPrefix + bytes.Length > buffer.Length)
            {
                return -1;
            }

            BigEndian.WriteUInt16(buffer, position, bytes.Length);
            System.Array.Copy(bytes, 0, buffer, position + LengthPrefix, bytes.Length);
            return position + LengthPrefix + bytes.Length;
        }

        /// <summary>Reads one text at position[0] and advances it; null (and position untouched) when truncated.</summary>
        private static string ReadText(byte[] buffer, int count, int[] position)
        {
            int at = position[0];
            if (at < 0 || at + LengthPrefix > count)
            {
                position[0] = -1;
                return null;
            }

            int length = BigEndian.ReadUInt16(buffer, at);
            if (at + LengthPrefix + length > count)
            {
                position[0] = -1;
                return null;
            }

            position[0] = at + LengthPrefix + length;
            return length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(buffer, at + LengthPrefix, length);
        }
    }
}
