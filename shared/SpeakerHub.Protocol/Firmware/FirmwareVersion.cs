namespace SpeakerHub.Protocol.Firmware
{
    /// <summary>
    /// Firmware versions are <c>major.minor.patch</c>, each 0..99999 (e.g. <c>1.4.2</c>); they compare
    /// numerically, part by part. Parsing never throws: an invalid text gives -1.
    /// </summary>
    public static class FirmwareVersion
    {
        public const int MaxLength = 17;
        public const int MaxPart = 99999;
        private const long PartScale = 100000;

        /// <summary>A number that orders like the version, or -1 when <paramref name="text"/> is not a version.</summary>
        public static long Parse(string text)
        {
            if (text == null || text.Length == 0 || text.Length > MaxLength)
            {
                return -1;
            }

            long value = 0;
            int parts = 0;
            int part = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c == '.')
                {
                    if (part < 0 || parts == 3)
                    {
                        return -1;
                    }

                    value = (value * PartScale) + part;
                    parts++;
                    part = -1;
                }
                else if (c >= '0' && c <= '9')
                {
                    // No leading zeros ("01"), so every version has exactly one spelling.
                    if (part == 0)
                    {
                        return -1;
                    }

                    part = (part < 0 ? 0 : part * 10) + (c - '0');
                    if (part > MaxPart)
                    {
                        return -1;
                    }
                }
                else
                {
                    return -1;
                }
            }

            return parts == 3 ? value : -1;
        }

        public static bool IsValid(string text)
        {
            return Parse(text) >= 0;
        }

        /// <summary>Negative, zero or positive as <paramref name="a"/> is older, equal or newer; invalid texts sort first.</summary>
        public static int Compare(string a, string b)
        {
            long left = Parse(a);
            long right = Parse(b);
            return left < right ? -1 : (left > right ? 1 : 0);
        }
    }
}
