namespace SpeakerHub.Firmware.Storage
{
    /// <summary>
    /// Files on the ESP32's internal flash file system, which nanoFramework mounts as drive I:. The
    /// names are part of the device's persistent layout: renaming one loses what older firmware saved.
    /// </summary>
    public static class FlashPaths
    {
        public const string Drive = "I:\\";

        /// <summary>Wi-Fi credentials, device id + key, broker address and CA (written by pairing).</summary>
        public const string Provisioning = Drive + "provision";

        /// <summary>Core's settings record (volume, mute, twin version, boot count, recent commands).</summary>
        public const string Settings = Drive + "settings";

        /// <summary>A/B boot record for OTA slots.</summary>
        public const string BootRecord = Drive + "boot";

        /// <summary>The over-the-air updater's progress record (Core's <c>UpdateRecord</c>).</summary>
        public const string UpdateRecord = Drive + "update";

        /// <summary>Prefix of the two application image slots, <c>slot0.pe</c> and <c>slot1.pe</c>.</summary>
        public const string SlotPrefix = Drive + "slot";
        public const string SlotExtension = ".pe";

        /// <summary>Suffixes of the two copies a record alternates between.</summary>
        public const string FirstCopy = ".a";
        public const string SecondCopy = ".b";
    }
}
