namespace SpeakerHub.Protocol.Security
{
    /// <summary>Outcome of checking a device token.</summary>
    public enum TokenCheck
    {
        Valid = 0,
        Malformed = 1,
        Expired = 2,
        BadSignature = 3,
    }

    /// <summary>
    /// The MQTT password a device presents: <c>v1.{expiry}.{mac}</c>, where expiry is Unix seconds and
    /// mac = hex(HMAC-SHA256(device key, "sh-device-token/v1\n" + id + "\n" + expiry)). The key never
    /// leaves the device; the broker recomputes the mac. HMAC-SHA256 is native on nanoFramework, and
    /// an expiry bounds how long a leaked password is worth anything.
    /// </summary>
    public static class DeviceToken
    {
        public const string Prefix = "v1";
        public const int KeyLength = 32;
        private const string Domain = "sh-device-token/v1\n";
        private const int MacHexLength = 64;
        private const int MaxExpiryDigits = 12;

        public static string Create(string deviceId, byte[] key, long expiresUnixSeconds)
        {
            string expiry = expiresUnixSeconds.ToString();
            return Prefix + "." + expiry + "." + Hex.Encode(Mac(deviceId, key, expiry));
        }

        public static TokenCheck Check(string deviceId, byte[] key, string token, long nowUnixSeconds)
        {
            if (deviceId == null || key == null || token == null || !token.StartsWith(Prefix + "."))
            {
                return TokenCheck.Malformed;
            }

            int expiryStart = Prefix.Length + 1;
            int dot = token.IndexOf('.', expiryStart);
            if (dot <= expiryStart || dot - expiryStart > MaxExpiryDigits || token.Length - dot - 1 != MacHexLength)
            {
                return TokenCheck.Malformed;
            }

            string expiry = token.Substring(expiryStart, dot - expiryStart);
            for (int i = 0; i < expiry.Length; i++)
            {
                if (expiry[i] < '0' || expiry[i] > '9')
                {
                    return TokenCheck.Malformed;
                }
            }

            byte[] presented = Hex.Decode(token.Substring(dot + 1));
            if (presented == null)
            {
                return TokenCheck.Malformed;
            }

            // Signature before expiry: an attacker learns nothing about validity from the error.
            if (!FixedTimeEquals(presented, Mac(deviceId, key, expiry)))
            {
                return TokenCheck.BadSignature;
            }

            return long.Parse(expiry) <= nowUnixSeconds ? TokenCheck.Expired : TokenCheck.Valid;
        }

        private static byte[] Mac(string deviceId, byte[] key, string expiry)
        {
            byte[] message = System.Text.Encoding.UTF8.GetBytes(Domain + deviceId + "\n" + expiry);
            return System.Security.Cryptography.HMACSHA256.HashData(key, message);
        }

        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }
    }
}
