namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// The ASCII form of an offline <see cref="Status"/>: <c>offline</c> or <c>offline:{reason}</c>, accepted
    /// on <c>up/status</c> only. It exists for the MQTT last will: nanoFramework's M2Mqtt takes the will
    /// message as a string and sends its UTF-8 bytes, which cannot carry a binary envelope (zero bytes,
    /// bytes above 0x7F). Every device uses this form for its will, so the broker's "offline" reads the
    /// same whichever client library a speaker runs.
    /// </summary>
    public static class StatusText
    {
        public const string Offline = "offline";
        public const int MaxReasonLength = 32;
        private const char Separator = ':';

        public static string Format(string reason)
        {
            return reason == null || reason.Length == 0 ? Offline : Offline + Separator + reason;
        }

        /// <summary>
        /// Fills <paramref name="into"/> (online false, the reason or null) when the bytes are exactly this
        /// form: "offline", optionally ':' and 1..32 of a-z, 0-9, '-', '_'. Anything else returns false.
        /// </summary>
        public static bool TryRead(byte[] payload, int offset, int count, Status into)
        {
            if (payload == null || offset < 0 || count < Offline.Length || offset > payload.Length - count)
            {
                return false;
            }

            for (int i = 0; i < Offline.Length; i++)
            {
                if (payload[offset + i] != Offline[i])
                {
                    return false;
                }
            }

            string reason = null;
            if (count > Offline.Length)
            {
                int reasonStart = offset + Offline.Length + 1;
                int reasonLength = count - Offline.Length - 1;
                if (payload[offset + Offline.Length] != Separator || reasonLength < 1 || reasonLength > MaxReasonLength)
                {
                    return false;
                }

                char[] chars = new char[reasonLength];
                for (int i = 0; i < reasonLength; i++)
                {
                    int c = payload[reasonStart + i];
                    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                    if (!ok)
                    {
                        return false;
                    }

                    chars[i] = (char)c;
                }

                reason = new string(chars);
            }

            into.Online = false;
            into.Reason = reason;
            into.CorrelationId = 0;
            into.Sequence = 0;
            into.Flags = 0;
            return true;
        }
    }
}
