namespace SpeakerHub.Protocol
{
    /// <summary>
    /// Strict UTF-8 check (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). Decoders differ
    /// on bad input — .NET substitutes U+FFFD, nanoFramework may not — so the wire rejects it up front.
    /// </summary>
    public static class Utf8Validator
    {
        public static bool IsValid(byte[] buffer, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = buffer[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int needed;
                int min;
                if ((b & 0xE0) == 0xC0)
                {
                    needed = 1;
                    min = 0x80;
                    b &= 0x1F;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    needed = 2;
                    min = 0x800;
                    b &= 0x0F;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    needed = 3;
                    min = 0x10000;
                    b &= 0x07;
                }
                else
                {
                    return false;
                }

                if (end - i <= needed)
                {
                    return false;
                }

                int codePoint = b;
                for (int k = 1; k <= needed; k++)
                {
                    int next = buffer[i + k];
                    if ((next & 0xC0) != 0x80)
                    {
                        return false;
                    }

                    codePoint = (codePoint << 6) | (next & 0x3F);
                }

                if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                {
                    return false;
                }

                i += needed + 1;
            }

            return true;
        }
    }
}
