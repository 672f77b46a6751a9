namespace SpeakerHub.Protocol.Security
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), incremental, written for nanoFramework: no Span, no generics, and no
    /// allocation after construction (the 64-byte block buffer and the 64-word message schedule are
    /// allocated once and reused). Feed data with <see cref="Update"/>, then call <see cref="Final"/>,
    /// which writes the 32-byte digest and leaves the instance reset for the next message.
    /// An instance is not thread-safe; use one per thread.
    /// </summary>
    public sealed class Sha256 : BlockHash
    {
        /// <summary>Length of a SHA-256 digest in bytes.</summary>
        public const int HashLength = 32;

        private const int BlockLength = 64;

        // FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] RoundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];

        public Sha256()
            : base(BlockLength, HashLength, 8)
        {
            Reset();
        }

        /// <summary>Computes the SHA-256 digest of <paramref name="count"/> bytes of <paramref name="data"/>.</summary>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            return HashOnce(new Sha256(), HashLength, data, offset, count);
        }

        /// <inheritdoc/>
        protected override void ResetState()
        {
            // FIPS 180-4 §5.3.3: first 32 bits of the fractional parts of the square roots of the first 8 primes.
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
        }

        /// <inheritdoc/>
        protected override void WriteDigest(byte[] output, int outputOffset)
        {
            for (int i = 0; i < 8; i++)
            {
                BigEndian.WriteUInt32(output, outputOffset + (i * 4), _state[i]);
            }
        }

        /// <inheritdoc/>
        protected override void Compress(byte[] block, int offset)
        {
            uint[] w = _schedule;
            for (int t = 0; t < 16; t++)
            {
                w[t] = BigEndian.ReadUInt32(block, offset + (t * 4));
            }

            for (int t = 16; t < 64; t++)
            {
                uint w15 = w[t - 15];
                uint w2 = w[t - 2];
                uint sigma0 = Rotr(w15, 7) ^ Rotr(w15, 18) ^ (w15 >> 3);
                uint sigma1 = Rotr(w2, 17) ^ Rotr(w2, 19) ^ (w2 >> 10);
                w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
            }

            uint a = _state[0];
            uint b = _state[1];
            uint c = _state[2];
            uint d = _state[3];
            uint e = _state[4];
            uint f = _state[5];
            uint g = _state[6];
            uint h = _state[7];

            for (int t = 0; t < 64; t++)
            {
                uint bigSigma1 = Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);
                uint choose = (e & f) ^ (~e & g);
                uint t1 = h + bigSigma1 + choose + RoundConstants[t] + w[t];
                uint bigSigma0 = Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = bigSigma0 + majority;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }

        private static uint Rotr(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }
    }
}
