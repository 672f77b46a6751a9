namespace SpeakerHub.Firmware.Mqtt
{
    /// <summary>
    /// M2Mqtt takes the last-will payload as a string and sends <c>Encoding.UTF8.GetBytes(will)</c>,
    /// while our will is a binary envelope (Core's LastWill). Bytes below 0x80 survive a char-per-byte
    /// string and UTF-8 unchanged, but the envelope also holds zero bytes, and nanoFramework keeps
    /// strings as NUL-terminated UTF-8 natively, which may cut the will short. So the conversion is
    /// verified by a round trip at boot; when it does not survive, the device connects without a will
    /// rather than have the broker publish a corrupt status (docs/firmware.md §MQTT).
    /// </summary>
    public static class WillMessageText
    {
        private const int FirstNonAsciiByte = 0x80;

        /// <summary>The will as M2Mqtt needs it, or null when M2Mqtt would not send these exact bytes.</summary>
        public static string FromPayload(byte[] payload)
        {
            char[] chars = new char[payload.Length];
            for (int i = 0; i < payload.Length; i++)
            {
                if (payload[i] >= FirstNonAsciiByte)
                {
                    return null;
                }

                chars[i] = (char)payload[i];
            }

            string text = new string(chars);
            byte[] sent = System.Text.Encoding.UTF8.GetBytes(text);
            if (sent.Length != payload.Length)
            {
                return null;
            }

            for (int i = 0; i < sent.Length; i++)
            {
                if (sent[i] != payload[i])
                {
                    return null;
                }
            }

            return text;
        }
    }
}
