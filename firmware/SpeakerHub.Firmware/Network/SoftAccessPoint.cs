using System.Net.NetworkInformation;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Firmware.Network
{
    /// <summary>
    /// Switches the radio between pairing (SoftAP) and normal (station) mode. nanoFramework on ESP32
    /// applies a changed AP or station configuration only at start-up, so each switch saves the
    /// configuration and the caller reboots; the AP's "enabled" flag is also how the next boot knows it
    /// is in pairing mode.
    /// </summary>
    public static class SoftAccessPoint
    {
        /// <summary>The ESP-IDF's customary SoftAP address; the phone or laptop gets its lease from it.</summary>
        public const string Address = "192.168.4.1";
        public const string SubnetMask = "255.255.255.0";

        public const string SsidPrefix = "SpeakerHub-";

        /// <summary>
        /// WPA2 keeps passers-by from watching the device key go past, for the few minutes pairing lasts.
        /// It is printed in docs/firmware.md, so it is not a secret from someone who reads them; the
        /// cloud-claim path (docs/firmware.md §Provisioning) never sends the key over the air at all.
        /// </summary>
        public const string PairingPassphrase = "speakerhub-pair";

        /// <summary>One phone at a time: pairing is a conversation, not a service.</summary>
        public const byte MaxStations = 1;

        private const int MacSuffixBytes = 3;

        public static bool IsPairingEnabled()
        {
            WirelessAPConfiguration ap = FindAccessPointConfiguration();
            return ap != null && (ap.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) != 0;
        }

        /// <summary>"SpeakerHub-" and the last three MAC bytes, so two speakers in one room differ.</summary>
        public static string PairingSsid()
        {
            NetworkInterface ap = FindInterface(NetworkInterfaceType.WirelessAP);
            byte[] mac = ap != null ? ap.PhysicalAddress : null;
            if (mac == null || mac.Length < MacSuffixBytes)
            {
                return SsidPrefix + "0000";
            }

            byte[] suffix = new byte[MacSuffixBytes];
            System.Array.Copy(mac, mac.Length - MacSuffixBytes, suffix, 0, MacSuffixBytes);
            return SsidPrefix + Hex.Encode(suffix);
        }

        /// <summary>Station off, AP on at the next boot.</summary>
        public static void EnableForNextBoot()
        {
            SetStationEnabled(false);
            NetworkInterface apInterface = FindInterface(NetworkInterfaceType.WirelessAP);
            apInterface.EnableStaticIPv4(Address, SubnetMask, Address);
            WirelessAPConfiguration ap = FindAccessPointConfiguration();
            ap.Ssid = PairingSsid();
            ap.Password = PairingPassphrase;
            ap.Authentication = AuthenticationType.WPA2;
            ap.Encryption = EncryptionType.WPA2_PSK;
            ap.MaxConnections = MaxStations;
            ap.Options = WirelessAPConfiguration.ConfigurationOptions.AutoStart;
            ap.SaveConfiguration();
        }

        /// <summary>AP off, station on at the next boot.</summary>
        public static void DisableForNextBoot()
        {
            WirelessAPConfiguration ap = FindAccessPointConfiguration();
            if (ap != null)
            {
                ap.Options = WirelessAPConfiguration.ConfigurationOptions.Disable;
                ap.SaveConfiguration();
            }

            SetStationEnabled(true);
        }

        private static void SetStationEnabled(bool enabled)
        {
            Wireless80211Configuration[] stations = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (stations.Length == 0)
            {
                return;
            }

            // Enabled but not auto-connect: the firmware joins with the credentials it keeps itself.
            stations[0].Options = enabled
                ? Wireless80211Configuration.ConfigurationOptions.Enable
                : Wireless80211Configuration.ConfigurationOptions.Disable;
            stations[0].SaveConfiguration();
        }

        private static WirelessAPConfiguration FindAccessPointConfiguration()
        {
            NetworkInterface apInterface = FindInterface(NetworkInterfaceType.WirelessAP);
            WirelessAPConfiguration[] configurations = WirelessAPConfiguration.GetAllWirelessAPConfigurations();
            if (apInterface == null || apInterface.SpecificConfigId >= configurations.Length)
            {
                return null;
            }

            return configurations[apInterface.SpecificConfigId];
        }

        private static NetworkInterface FindInterface(NetworkInterfaceType type)
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == type)
                {
                    return interfaces[i];
                }
            }

            return null;
        }
    }
}
