namespace SpeakerHub.Protocol.Security
{
    /// <summary>
    /// The arithmetic behind <see cref="Ed25519"/> verification: the field of integers modulo
    /// p = 2^255 - 19 and the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 over it (RFC 8032 §5.1).
    /// </summary>
    /// <remarks>
    /// <para>
    /// A field element is ten limbs in radix 2^25.5: limb i carries weight 2^ceil(25.5 i), so even limbs
    /// hold 26 bits and odd limbs 25. All elements live in one long[] working memory and are named by
    /// their offset in it, so a verification allocates a handful of arrays, not one per temporary.
    /// </para>
    /// <para>
    /// Every operation leaves its result "carried": every limb non-negative and within its width, except
    /// limb 1, which may exceed 2^25 by less than 2^15. Subtraction adds 2p first, which keeps limbs
    /// non-negative. From those bounds a product term (two limbs, doubled when both are odd, times 19
    /// when it wraps past 2^255) is below 19 * 2^52, and a product limb, a sum of ten terms, below 2^60,
    /// so long never overflows.
    /// </para>
    /// <para>
    /// Points are in extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z, using the
    /// complete addition and doubling formulas of RFC 8032 §5.1.4. Nothing here needs to be constant
    /// time: verification handles only public data.
    /// </para>
    /// </remarks>
    internal sealed class Edwards25519
    {
        private const int Limbs = 10;
        private const long Mask26 = (1L << 26) - 1;
        private const long Mask25 = (1L << 25) - 1;

        // Offsets of the coordinates inside a point (extended form) ...
        private const int X = 0;
        private const int Y = Limbs;
        private const int Z = 2 * Limbs;
        private const int T = 3 * Limbs;

        // ... and inside a cached point (Y + X, Y - X, 2dT, 2Z), ready to be added.
        private const int YPlusX = 0;
        private const int YMinusX = Limbs;
        private const int T2d = 2 * Limbs;
        private const int Z2 = 3 * Limbs;

        // Working memory: each name is the offset of one field element (points take four).
        private const int D = 0 * Limbs;
        private const int TwoD = 1 * Limbs;
        private const int SqrtMinusOne = 2 * Limbs;
        private const int Sum = 3 * Limbs;
        private const int NegatedKey = 7 * Limbs;
        private const int Base = 11 * Limbs;
        private const int CachedBase = 15 * Limbs;
        private const int CachedNegatedKey = 19 * Limbs;
        private const int CachedBaseMinusKey = 23 * Limbs;
        private const int TA = 27 * Limbs;
        private const int TB = 28 * Limbs;
        private const int TC = 29 * Limbs;
        private const int TD = 30 * Limbs;
        private const int TE = 31 * Limbs;
        private const int TF = 32 * Limbs;
        private const int TG = 33 * Limbs;
        private const int TH = 34 * Limbs;
        private const int U = 35 * Limbs;
        private const int V = 36 * Limbs;
        private const int V3 = 37 * Limbs;
        private const int UV7 = 38 * Limbs;
        private const int Check = 39 * Limbs;
        private const int InverseZ = 40 * Limbs;
        private const int P0 = 41 * Limbs;
        private const int P1 = 42 * Limbs;
        private const int P2 = 43 * Limbs;
        private const int Elements = 44;

        // Little-endian encodings of the constants (RFC 8032 §5.1): d = -121665/121666, 2d, sqrt(-1) = 2^((p-1)/4),
        // and the base point B = (x, 4/5) with x even.
        private static readonly byte[] DBytes = new byte[]
        {
            0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
            0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52,
        };

        private static readonly byte[] TwoDBytes = new byte[]
        {
            0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83, 0x82, 0x9a, 0x14, 0xe0, 0x00,
            0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80, 0x8e, 0x19, 0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9, 0x06, 0x24,
        };

        private static readonly byte[] SqrtMinusOneBytes = new byte[]
        {
            0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
            0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b,
        };

        private static readonly byte[] BaseXBytes = new byte[]
        {
            0x1a, 0xd5, 0x25, 0x8f, 0x60, 0x2d, 0x56, 0xc9, 0xb2, 0xa7, 0x25, 0x95, 0x60, 0xc7, 0x2c, 0x69,
            0x5c, 0xdc, 0xd6, 0xfd, 0x31, 0xe2, 0xa4, 0xc0, 0xfe, 0x53, 0x6e, 0xcd, 0xd3, 0x36, 0x69, 0x21,
        };

        private static readonly byte[] BaseYBytes = new byte[]
        {
            0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
            0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
        };

        // Bit position of limb i's lowest bit: ceil(25.5 i).
        private static readonly int[] LimbShift = new int[] { 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 };

        private readonly long[] _m = new long[Elements * Limbs];
        private readonly long[] _product = new long[Limbs];
        private readonly long[] _times19 = new long[Limbs];
        private readonly byte[] _encoded = new byte[32];

        public Edwards25519()
        {
            FromBytes(D, DBytes, 0);
            FromBytes(TwoD, TwoDBytes, 0);
            FromBytes(SqrtMinusOne, SqrtMinusOneBytes, 0);
        }

        /// <summary>
        /// Whether [s]B + [h](-A) encodes to the 32 bytes at <paramref name="rOffset"/>, where A is the
        /// decoded public key and s, h are 32-byte little-endian scalars below 2^256. False if the key
        /// does not decode. A non-canonical or off-curve R never matches, since an encoding made here is
        /// always canonical.
        /// </summary>
        public bool VerifyEquation(byte[] publicKey, int publicKeyOffset, byte[] s, byte[] h, byte[] r, int rOffset)
        {
            if (!Decode(NegatedKey, publicKey, publicKeyOffset))
            {
                return false;
            }

            Negate(NegatedKey + X, NegatedKey + X);
            Negate(NegatedKey + T, NegatedKey + T);

            FromBytes(Base + X, BaseXBytes, 0);
            FromBytes(Base + Y, BaseYBytes, 0);
            SetOne(Base + Z);
            Mul(Base + T, Base + X, Base + Y);

            ToCached(CachedBase, Base);
            ToCached(CachedNegatedKey, NegatedKey);
            AddCached(Base, CachedNegatedKey);
            ToCached(CachedBaseMinusKey, Base);

            // Shamir's trick: one pass of doublings over both scalars, adding B, -A or B - A per bit.
            SetZero(Sum + X);
            SetOne(Sum + Y);
            SetOne(Sum + Z);
            SetZero(Sum + T);
            int top = 255;
            while (top >= 0 && Bit(s, top) == 0 && Bit(h, top) == 0)
            {
                top--;
            }

            for (int i = top; i >= 0; i--)
            {
                Double(Sum);
                int sBit = Bit(s, i);
                int hBit = Bit(h, i);
                if (sBit == 1 && hBit == 1)
                {
                    AddCached(Sum, CachedBaseMinusKey);
                }
                else if (sBit == 1)
                {
                    AddCached(Sum, CachedBase);
                }
                else if (hBit == 1)
                {
                    AddCached(Sum, CachedNegatedKey);
                }
            }

            Encode(_encoded, Sum);
            int difference = 0;
            for (int i = 0; i < 32; i++)
            {
                difference |= _encoded[i] ^ r[rOffset + i];
            }

            return difference == 0;
        }

        private static int Bit(byte[] scalar, int i)
        {
            return (scalar[i >> 3] >> (i & 7)) & 1;
        }

        // ---- Points ----

        /// <summary>RFC 8032 §5.1.3: decodes 32 bytes to a point; false if y &gt;= p or no x exists.</summary>
        private bool Decode(int point, byte[] source, int offset)
        {
            if (!IsCanonicalY(source, offset))
            {
                return false;
            }

            FromBytes(point + Y, source, offset);
            SetOne(point + Z);

            // x^2 = u / v with u = y^2 - 1, v = d y^2 + 1; candidate x = u v^3 (u v^7)^((p-5)/8).
            Square(U, point + Y);
            Mul(V, U, D);
            Sub(U, U, point + Z);
            Add(V, V, point + Z);
            Square(V3, V);
            Mul(V3, V3, V);
            Square(UV7, V3);
            Mul(UV7, UV7, V);
            Mul(UV7, UV7, U);
            Pow2523(point + X, UV7);
            Mul(point + X, point + X, V3);
            Mul(point + X, point + X, U);

            Square(Check, point + X);
            Mul(Check, Check, V);
            Sub(TA, Check, U);
            if (!IsZero(TA))
            {
                Add(TA, Check, U);
                if (!IsZero(TA))
                {
                    return false;
                }

                Mul(point + X, point + X, SqrtMinusOne);
            }

            int sign = source[offset + 31] >> 7;
            if (sign == 1 && IsZero(point + X))
            {
                return false;
            }

            ToBytes(_encoded, 0, point + X);

            if ((_encoded[0] & 1) != sign)
            {
                Negate(point + X, point + X);
            }

            Mul(point + T, point + X, point + Y);
            return true;
        }

        /// <summary>Whether the low 255 bits (the y coordinate) are below p = 2^255 - 19.</summary>
        private static bool IsCanonicalY(byte[] source, int offset)
        {
            if ((source[offset + 31] & 0x7f) != 0x7f)
            {
                return true;
            }

            for (int i = 30; i >= 1; i--)
            {
                if (source[offset + i] != 0xff)
                {
                    return true;
                }
            }

            return source[offset] < 0xed;
        }

        /// <summary>RFC 8032 §5.1.2: y with the lowest bit of x in the top bit.</summary>
        private void Encode(byte[] destination, int point)
        {
            Invert(InverseZ, point + Z);
            Mul(TA, point + X, InverseZ);
            Mul(TB, point + Y, InverseZ);
            ToBytes(destination, 0, TA);
            int xLowBit = destination[0] & 1;
            ToBytes(destination, 0, TB);
            destination[31] = (byte)(destination[31] | (xLowBit << 7));
        }

        private void ToCached(int cached, int point)
        {
            Add(cached + YPlusX, point + Y, point + X);
            Sub(cached + YMinusX, point + Y, point + X);
            Mul(cached + T2d, point + T, TwoD);
            Add(cached + Z2, point + Z, point + Z);
        }

        /// <summary>point += cached (RFC 8032 §5.1.4 addition, with the second point's sums precomputed).</summary>
        private void AddCached(int point, int cached)
        {
            Sub(TA, point + Y, point + X);
            Mul(TA, TA, cached + YMinusX);
            Add(TB, point + Y, point + X);
            Mul(TB, TB, cached + YPlusX);
            Mul(TC, point + T, cached + T2d);
            Mul(TD, point + Z, cached + Z2);
            Sub(TE, TB, TA);
            Sub(TF, TD, TC);
            Add(TG, TD, TC);
            Add(TH, TB, TA);
            Mul(point + X, TE, TF);
            Mul(point + Y, TG, TH);
            Mul(point + T, TE, TH);
            Mul(point + Z, TF, TG);
        }

        /// <summary>point = 2 * point (RFC 8032 §5.1.4 doubling).</summary>
        private void Double(int point)
        {
            Square(TA, point + X);
            Square(TB, point + Y);
            Square(TC, point + Z);
            Add(TC, TC, TC);
            Add(TH, TA, TB);
            Add(TE, point + X, point + Y);
            Square(TE, TE);
            Sub(TE, TH, TE);
            Sub(TG, TA, TB);
            Add(TF, TC, TG);
            Mul(point + X, TE, TF);
            Mul(point + Y, TG, TH);
            Mul(point + T, TE, TH);
            Mul(point + Z, TF, TG);
        }

        // ---- Field elements ----

        private static int Width(int limb)
        {
            return (limb & 1) == 0 ? 26 : 25;
        }

        private void SetZero(int r)
        {
            for (int i = 0; i < Limbs; i++)
            {
                _m[r + i] = 0;
            }
        }

        private void SetOne(int r)
        {
            SetZero(r);
            _m[r] = 1;
        }

        /// <summary>Loads the low 255 bits of 32 little-endian bytes (a value below 2^255, not yet reduced mod p).</summary>
        private void FromBytes(int r, byte[] source, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int shift = LimbShift[i];
                int at = offset + (shift >> 3);
                long word = source[at] | ((long)source[at + 1] << 8) | ((long)source[at + 2] << 16) | ((long)source[at + 3] << 24);
                _m[r + i] = (word >> (shift & 7)) & ((1L << Width(i)) - 1);
            }
        }

        /// <summary>Writes the canonical (fully reduced, below p) little-endian encoding of element a; bit 255 is 0.</summary>
        private void ToBytes(byte[] destination, int offset, int a)
        {
            long[] h = _product;
            for (int i = 0; i < Limbs; i++)
            {
                h[i] = _m[a + i];
            }

            Carry(h, 0);

            // The value v is now below 2^255 + 2^40 < 2p. q = floor((v + 19) / 2^255) is 1 exactly when
            // v >= p; then v - p = v + 19 - 2^255.
            long q = (h[0] + 19) >> 26;
            for (int i = 1; i < Limbs; i++)
            {
                q = (h[i] + q) >> Width(i);
            }

            h[0] += 19 * q;
            for (int i = 0; i < Limbs - 1; i++)
            {
                int width = Width(i);
                h[i + 1] += h[i] >> width;
                h[i] &= (1L << width) - 1;
            }

            h[Limbs - 1] &= Mask25;

            long pending = 0;
            int pendingBits = 0;
            int at = offset;
            for (int i = 0; i < Limbs; i++)
            {
                pending |= h[i] << pendingBits;
                pendingBits += Width(i);
                while (pendingBits >= 8)
                {
                    destination[at] = (byte)pending;
                    at++;
                    pending >>= 8;
                    pendingBits -= 8;
                }
            }

            destination[at] = (byte)pending;
        }

        private bool IsZero(int a)
        {
            ToBytes(_encoded, 0, a);
            int bits = 0;
            for (int i = 0; i < 32; i++)
            {
                bits |= _encoded[i];
            }

            return bits == 0;
        }

        /// <summary>Carries limbs [offset, offset + 10) of h to their widths, folding the overflow past 2^255 back as 19.</summary>
        private static void Carry(long[] h, int offset)
        {
            for (int i = 0; i < Limbs - 1; i++)
            {
                int width = Width(i);
                h[offset + i + 1] += h[offset + i] >> width;
                h[offset + i] &= (1L << width) - 1;
            }

            long top = h[offset + Limbs - 1] >> 25;
            h[offset + Limbs - 1] &= Mask25;
            h[offset] += 19 * top;
            h[offset + 1] += h[offset] >> 26;
            h[offset] &= Mask26;
        }

        private void Add(int r, int a, int b)
        {
            for (int i = 0; i < Limbs; i++)
            {
                _m[r + i] = _m[a + i] + _m[b + i];
            }

            Carry(_m, r);
        }

        /// <summary>r = a - b, computed as a + 2p - b so every limb stays non-negative.</summary>
        private void Sub(int r, int a, int b)
        {
            // Limbs of 2p: 2 * (2^26 - 19), then 2 * (2^25 - 1) and 2 * (2^26 - 1) alternating.
            _m[r] = _m[a] + ((Mask26 - 18) << 1) - _m[b];
            for (int i = 1; i < Limbs; i++)
            {
                long twoP = (i & 1) == 0 ? Mask26 << 1 : Mask25 << 1;
                _m[r + i] = _m[a + i] + twoP - _m[b + i];
            }

            Carry(_m, r);
        }

        private void Negate(int r, int a)
        {
            _m[r] = ((Mask26 - 18) << 1) - _m[a];
            for (int i = 1; i < Limbs; i++)
            {
                long twoP = (i & 1) == 0 ? Mask26 << 1 : Mask25 << 1;
                _m[r + i] = twoP - _m[a + i];
            }

            Carry(_m, r);
        }

        /// <summary>
        /// r = a * b. Limb i times limb j lands at weight 2^(ceil(25.5 i) + ceil(25.5 j)), which is limb
        /// i + j's weight, doubled when i and j are both odd; past limb 9 it wraps to limb i + j - 10 times
        /// 19, since 2^255 = 19 (mod p). r may be a or b.
        /// </summary>
        private void Mul(int r, int a, int b)
        {
            long[] m = _m;
            long[] h = _product;
            long[] g19 = _times19;
            for (int i = 0; i < Limbs; i++)
            {
                h[i] = 0;
                g19[i] = 19 * m[b + i];
            }

            for (int i = 0; i < Limbs; i++)
            {
                long f = m[a + i];
                long fForOddJ = (i & 1) == 1 ? f << 1 : f;
                int j = 0;
                for (; j < Limbs - i; j++)
                {
                    h[i + j] += ((j & 1) == 1 ? fForOddJ : f) * m[b + j];
                }

                for (; j < Limbs; j++)
                {
                    h[i + j - Limbs] += ((j & 1) == 1 ? fForOddJ : f) * g19[j];
                }
            }

            Carry(h, 0);
            for (int i = 0; i < Limbs; i++)
            {
                m[r + i] = h[i];
            }
        }

        /// <summary>r = a * a, with each cross product computed once and doubled. r may be a.</summary>
        private void Square(int r, int a)
        {
            long[] m = _m;
            long[] h = _product;
            for (int i = 0; i < Limbs; i++)
            {
                h[i] = 0;
            }

            for (int i = 0; i < Limbs; i++)
            {
                long f = m[a + i];
                long term = f * ((i & 1) == 1 ? f << 1 : f);
                if (i + i < Limbs)
                {
                    h[i + i] += term;
                }
                else
                {
                    h[i + i - Limbs] += 19 * term;
                }

                long twiceF = f << 1;
                for (int j = i + 1; j < Limbs; j++)
                {
                    long g = m[a + j];
                    term = twiceF * ((i & j & 1) == 1 ? g << 1 : g);
                    if (i + j < Limbs)
                    {
                        h[i + j] += term;
                    }
                    else
                    {
                        h[i + j - Limbs] += 19 * term;
                    }
                }
            }

            Carry(h, 0);
            for (int i = 0; i < Limbs; i++)
            {
                m[r + i] = h[i];
            }
        }

        private void SquareTimes(int r, int a, int times)
        {
            Square(r, a);
            for (int i = 1; i < times; i++)
            {
                Square(r, r);
            }
        }

        /// <summary>r = z^(2^250 - 1), by doubling runs of ones in the exponent. Uses P0..P2; z must be none of them.</summary>
        private void PowTwo250MinusOne(int r, int z)
        {
            Square(P0, z);
            Mul(P0, P0, z);             // z^(2^2 - 1)
            SquareTimes(P1, P0, 2);
            Mul(P1, P1, P0);            // z^(2^4 - 1)
            Square(P1, P1);
            Mul(P1, P1, z);             // z^(2^5 - 1)
            SquareTimes(P0, P1, 5);
            Mul(P0, P0, P1);            // z^(2^10 - 1)
            SquareTimes(P1, P0, 10);
            Mul(P1, P1, P0);            // z^(2^20 - 1)
            SquareTimes(P2, P1, 20);
            Mul(P2, P2, P1);            // z^(2^40 - 1)
            SquareTimes(P2, P2, 10);
            Mul(P2, P2, P0);            // z^(2^50 - 1)
            SquareTimes(P1, P2, 50);
            Mul(P1, P1, P2);            // z^(2^100 - 1)
            SquareTimes(P0, P1, 100);
            Mul(P0, P0, P1);            // z^(2^200 - 1)
            SquareTimes(P0, P0, 50);
            Mul(r, P0, P2);             // z^(2^250 - 1)
        }

        /// <summary>r = z^((p - 5) / 8) = z^(2^252 - 3). r must not be z.</summary>
        private void Pow2523(int r, int z)
        {
            PowTwo250MinusOne(r, z);
            SquareTimes(r, r, 2);
            Mul(r, r, z);
        }

        /// <summary>r = z^(p - 2) = 1/z (0 for z = 0); p - 2 = (2^250 - 1) * 2^5 + 11. r must not be z.</summary>
        private void Invert(int r, int z)
        {
            PowTwo250MinusOne(r, z);
            SquareTimes(r, r, 5);
            Square(P0, z);              // z^2
            SquareTimes(P1, P0, 2);     // z^8
            Mul(P1, P1, P0);            // z^10
            Mul(P1, P1, z);             // z^11
            Mul(r, r, P1);
        }
    }
}
