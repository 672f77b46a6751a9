namespace SpeakerHub.Protocol.Security
{
    /// <summary>
    /// Ed25519 signature verification (RFC 8032 §5.1.7), written for nanoFramework so firmware can
    /// check the signature on an update image itself. Verification only: the cloud signs with a
    /// library, and nothing here ever handles a private key, so none of it needs to be constant time.
    /// </summary>
    /// <remarks>
    /// The check is the cofactorless one of RFC 8032: S must be below the group order L, the public
    /// key must decode to a curve point (canonical y below p), and [S]B must equal R + [h]A with
    /// h = SHA-512(R || A || M) mod L, which is tested by encoding [S]B + [h](-A) and comparing it with
    /// the bytes of R. A call allocates a few small arrays; it is meant for once per firmware update.
    /// </remarks>
    public static class Ed25519
    {
        public const int PublicKeyLength = 32;
        public const int SignatureLength = 64;

        private const int ScalarLength = 32;

        // The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
        private static readonly byte[] GroupOrder = new byte[]
        {
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
        };

        /// <summary>
        /// Whether <paramref name="signature"/> (64 bytes: R then S) is a valid Ed25519 signature by
        /// <paramref name="publicKey"/> (32 bytes) over the message bytes. Returns false, never throws,
        /// for null arrays, ranges outside them, a malformed key or a malformed signature.
        /// </summary>
        public static bool Verify(
            byte[] publicKey,
            int publicKeyOffset,
            byte[] message,
            int messageOffset,
            int messageLength,
            byte[] signature,
            int signatureOffset)
        {
            if (!IsRange(publicKey, publicKeyOffset, PublicKeyLength)
                || !IsRange(message, messageOffset, messageLength)
                || !IsRange(signature, signatureOffset, SignatureLength))
            {
                return false;
            }

            int sOffset = signatureOffset + 32;
            if (!IsBelowGroupOrder(signature, sOffset))
            {
                return false;
            }

            byte[] s = new byte[ScalarLength];
            for (int i = 0; i < ScalarLength; i++)
            {
                s[i] = signature[sOffset + i];
            }

            Sha512 sha = new Sha512();
            sha.Update(signature, signatureOffset, 32);
            sha.Update(publicKey, publicKeyOffset, PublicKeyLength);
            sha.Update(message, messageOffset, messageLength);
            byte[] digest = new byte[Sha512.HashLength];
            sha.Final(digest, 0);
            byte[] h = new byte[ScalarLength];
            ReduceModGroupOrder(digest, h);

            return new Edwards25519().VerifyEquation(publicKey, publicKeyOffset, s, h, signature, signatureOffset);
        }

        private static bool IsRange(byte[] array, int offset, int count)
        {
            return array != null && offset >= 0 && count >= 0 && offset <= array.Length - count;
        }

        /// <summary>Whether the 32-byte little-endian number at <paramref name="offset"/> is below L.</summary>
        private static bool IsBelowGroupOrder(byte[] value, int offset)
        {
            for (int i = ScalarLength - 1; i >= 0; i--)
            {
                if (value[offset + i] != GroupOrder[i])
                {
                    return value[offset + i] < GroupOrder[i];
                }
            }

            return false;
        }

        /// <summary>
        /// Reduces a 64-byte little-endian number mod L, bit by bit from the top: r = 2r + bit, minus L
        /// when that reaches L. r stays below L, so 2r + 1 stays below 2L &lt; 2^254 and fits 32 bytes.
        /// </summary>
        private static void ReduceModGroupOrder(byte[] wide, byte[] result)
        {
            for (int i = 0; i < ScalarLength; i++)
            {
                result[i] = 0;
            }

            for (int bit = (wide.Length * 8) - 1; bit >= 0; bit--)
            {
                int carry = (wide[bit >> 3] >> (bit & 7)) & 1;
                for (int i = 0; i < ScalarLength; i++)
                {
                    int doubled = (result[i] << 1) | carry;
                    result[i] = (byte)doubled;
                    carry = doubled >> 8;
                }

                if (!IsBelowGroupOrder(result, 0))
                {
                    int borrow = 0;
                    for (int i = 0; i < ScalarLength; i++)
                    {
                        int difference = result[i] - GroupOrder[i] - borrow;
                        result[i] = (byte)difference;
                        borrow = difference < 0 ? 1 : 0;
                    }
                }
            }
        }
    }
}
