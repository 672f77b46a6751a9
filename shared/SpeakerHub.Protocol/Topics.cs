namespace SpeakerHub.Protocol
{
    /// <summary>
    /// The MQTT topic scheme (docs/protocol.md §Topics): <c>sh/d/{id}/up/{kind}</c> for device → cloud
    /// and <c>sh/d/{id}/down/{kind}</c> for cloud → device. The device id doubles as MQTT client id and
    /// username, so the broker's ACL can pin a device to its own subtree.
    /// </summary>
    public static class Topics
    {
        public const string Root = "sh/d/";
        public const string UpSegment = "up";
        public const string DownSegment = "down";

        // device → cloud
        public const string Hello = "hello";
        public const string Status = "status";
        public const string Telemetry = "tel";
        public const string Twin = "twin";
        public const string Voice = "voice";
        public const string Result = "res";
        public const string Event = "evt";
        public const string Ota = "ota";

        // cloud → device (twin and ota are shared names)
        public const string Command = "cmd";
        public const string Reply = "reply";
        public const string Card = "card";
        public const string Media = "media";

        /// <summary>Shared filter a cloud node uses to receive every device's uplink.</summary>
        public const string AllUplinks = "sh/d/+/up/#";

        /// <summary>Longest device id; keeps topics and client ids well inside broker limits.</summary>
        public const int MaxDeviceIdLength = 64;

        public static string Up(string deviceId, string kind)
        {
            return Root + deviceId + "/up/" + kind;
        }

        public static string Down(string deviceId, string kind)
        {
            return Root + deviceId + "/down/" + kind;
        }

        public static string DownFilter(string deviceId)
        {
            return Root + deviceId + "/down/#";
        }

        /// <summary>
        /// Device ids are ASCII letters, digits, '-' and '_' only: no MQTT wildcard or level separator
        /// can hide in one, so <c>sh/d/{id}/...</c> always names exactly one device.
        /// </summary>
        public static bool IsValidDeviceId(string deviceId)
        {
            if (deviceId == null || deviceId.Length == 0 || deviceId.Length > MaxDeviceIdLength)
            {
                return false;
            }

            for (int i = 0; i < deviceId.Length; i++)
            {
                char c = deviceId[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Splits <c>sh/d/{id}/{up|down}/{kind}</c>. Returns false for anything else, including extra
        /// levels, empty levels and invalid ids.
        /// </summary>
        public static bool TryParse(string topic, out string deviceId, out bool isUplink, out string kind)
        {
            deviceId = null;
            kind = null;
            isUplink = false;
            if (topic == null || topic.Length <= Root.Length || !topic.StartsWith(Root))
            {
                return false;
            }

            int idEnd = topic.IndexOf('/', Root.Length);
            if (idEnd < 0)
            {
                return false;
            }

            int directionEnd = topic.IndexOf('/', idEnd + 1);
            if (directionEnd < 0 || directionEnd == topic.Length - 1 || topic.IndexOf('/', directionEnd + 1) >= 0)
            {
                return false;
            }

            string id = topic.Substring(Root.Length, idEnd - Root.Length);
            string direction = topic.Substring(idEnd + 1, directionEnd - idEnd - 1);
            if (!IsValidDeviceId(id))
            {
                return false;
            }

            if (direction == UpSegment)
            {
                isUplink = true;
            }
            else if (direction != DownSegment)
            {
                return false;
            }

            deviceId = id;
            kind = topic.Substring(directionEnd + 1);
            return true;
        }
    }
}
