namespace SpeakerHub.Protocol.Firmware
{
    /// <summary>
    /// The handle of an uploaded bundle: <c>fw-</c> and the first 8 bytes of the bundle's SHA-256 in
    /// lowercase hex. The cloud names images this way; devices only pass the id back, so it needs no
    /// trust: what runs is decided by the signed manifest inside the bundle.
    /// </summary>
    public static class FirmwareImageId
    {
        public const string Prefix = "fw-";
        public const int HashBytes = 8;
        public const int Length = 3 + (HashBytes * 2);

        public static bool IsValid(string id)
        {
            if (id == null || id.Length != Length || id[0] != 'f' || id[1] != 'w' || id[2] != '-')
            {
                return false;
            }

            for (int i = Prefix.Length; i < id.Length; i++)
            {
                char c = id[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The id of a bundle whose SHA-256 is <paramref name="bundleHash"/>.</summary>
        public static string FromHash(byte[] bundleHash)
        {
            char[] text = new char[Length];
            text[0] = 'f';
            text[1] = 'w';
            text[2] = '-';
            const string digits = "0123456789abcdef";
            for (int i = 0; i < HashBytes; i++)
            {
                text[Prefix.Length + (2 * i)] = digits[bundleHash[i] >> 4];
                text[Prefix.Length + (2 * i) + 1] = digits[bundleHash[i] & 0x0F];
            }

            return new string(text);
        }
    }
}
