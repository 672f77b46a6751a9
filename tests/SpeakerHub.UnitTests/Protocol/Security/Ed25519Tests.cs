using System.Numerics;
using NSec.Cryptography;
using Ed25519 = SpeakerHub.Protocol.Security.Ed25519;

namespace SpeakerHub.UnitTests.Protocol.Security;

public sealed class Ed25519Tests
{
    // RFC 8032 §7.1: TEST 1, 2, 3 and TEST SHA(abc), as secret key, public key, message, signature.
    public static TheoryData<string, string, string, string> RfcVectors { get; } = new()
    {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
        {
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"
        },
    };

    private static readonly BigInteger GroupOrder = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger FieldPrime = BigInteger.Pow(2, 255) - 19;

    [Theory]
    [MemberData(nameof(RfcVectors))]
    public void The_RFC_8032_test_vectors_verify(string secretKeyHex, string publicKeyHex, string messageHex, string signatureHex)
    {
        byte[] publicKey = Convert.FromHexString(publicKeyHex);
        byte[] message = Convert.FromHexString(messageHex);
        byte[] signature = Convert.FromHexString(signatureHex);

        Assert.True(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0));

        // The vectors are also what the reference library makes from the secret key.
        using Key key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(secretKeyHex), KeyBlobFormat.RawPrivateKey);
        Assert.Equal(publicKey, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        Assert.Equal(signature, SignatureAlgorithm.Ed25519.Sign(key, message));
    }

    [Theory]
    [MemberData(nameof(RfcVectors))]
    public void The_RFC_8032_test_vectors_verify_at_offsets_inside_larger_arrays(string secretKeyHex, string publicKeyHex, string messageHex, string signatureHex)
    {
        _ = secretKeyHex;
        byte[] publicKey = Embed(Convert.FromHexString(publicKeyHex), 3, 5);
        byte[] message = Embed(Convert.FromHexString(messageHex), 11, 2);
        byte[] signature = Embed(Convert.FromHexString(signatureHex), 1, 9);

        Assert.True(Ed25519.Verify(publicKey, 3, message, 11, message.Length - 13, signature, 1));
    }

    [Theory]
    [MemberData(nameof(RfcVectors))]
    public void Flipping_a_bit_in_any_byte_of_the_key_the_signature_or_the_message_makes_verification_fail(string secretKeyHex, string publicKeyHex, string messageHex, string signatureHex)
    {
        _ = secretKeyHex;
        byte[] publicKey = Convert.FromHexString(publicKeyHex);
        byte[] message = Convert.FromHexString(messageHex);
        byte[] signature = Convert.FromHexString(signatureHex);

        // Signature bytes 0..31 are R, 32..63 are S. Byte i gets bit i % 8 flipped, so every bit
        // position is hit while a run stays at about a hundred verifications per vector.
        foreach (byte[] target in new[] { publicKey, message, signature })
        {
            for (int index = 0; index < target.Length; index++)
            {
                int bit = (index * 8) + (index % 8);
                FlipBit(target, bit);
                Assert.False(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0), $"bit {bit} of a {target.Length}-byte input flipped");
                FlipBit(target, bit);
            }
        }

        Assert.True(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0));
    }

    [Theory]
    [MemberData(nameof(RfcVectors))]
    public void A_signature_whose_S_has_L_added_is_refused_as_non_canonical(string secretKeyHex, string publicKeyHex, string messageHex, string signatureHex)
    {
        _ = secretKeyHex;
        byte[] publicKey = Convert.FromHexString(publicKeyHex);
        byte[] message = Convert.FromHexString(messageHex);
        byte[] signature = Convert.FromHexString(signatureHex);

        // [S + L]B = [S]B, so only the S < L rule tells this signature from the genuine one.
        BigInteger s = new(signature.AsSpan(32), isUnsigned: true);
        byte[] malleated = signature.ToArray();
        WriteLittleEndian(s + GroupOrder, malleated, 32);

        Assert.False(Ed25519.Verify(publicKey, 0, message, 0, message.Length, malleated, 0));
    }

    [Fact]
    public void A_public_key_whose_y_is_p_or_above_is_refused()
    {
        // y = p + 1 would reduce to y = 1, the neutral point, under which R = B, S = 1 verifies for
        // every message; every other y in [p, 2^255) and both sign bits are refused as well.
        byte[] baseEncoding = Convert.FromHexString("5866666666666666666666666666666666666666666666666666666666666666");
        byte[] signature = new byte[Ed25519.SignatureLength];
        baseEncoding.CopyTo(signature, 0);
        signature[32] = 1;
        byte[] message = "firmware"u8.ToArray();

        for (int excess = 0; excess < 19; excess++)
        {
            foreach (bool signBit in new[] { false, true })
            {
                byte[] publicKey = new byte[Ed25519.PublicKeyLength];
                WriteLittleEndian(FieldPrime + excess, publicKey, 0);
                if (signBit)
                {
                    publicKey[31] |= 0x80;
                }

                Assert.False(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0), $"y = p + {excess}, sign {signBit}");
            }
        }
    }

    [Fact]
    public void A_public_key_with_x_zero_but_the_sign_bit_set_is_refused()
    {
        // RFC 8032 §5.1.3 step 4: x = 0 has no negative, so the sign bit must be clear. Read loosely,
        // this key is the neutral point again, under which R = B, S = 1 would verify.
        byte[] publicKey = new byte[Ed25519.PublicKeyLength];
        publicKey[0] = 1;
        publicKey[31] = 0x80;
        byte[] signature = new byte[Ed25519.SignatureLength];
        Convert.FromHexString("5866666666666666666666666666666666666666666666666666666666666666").CopyTo(signature, 0);
        signature[32] = 1;
        byte[] message = "firmware"u8.ToArray();

        Assert.False(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0));
    }

    [Fact]
    public void A_public_key_that_is_not_a_curve_point_is_refused()
    {
        // About half of all y values have no x on the curve; this one (y = 2) is such a value.
        byte[] publicKey = new byte[Ed25519.PublicKeyLength];
        publicKey[0] = 2;
        byte[] message = "firmware"u8.ToArray();
        byte[] signature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        Assert.False(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0));
    }

    [Fact]
    public void Null_arrays_and_ranges_outside_the_arrays_return_false_without_an_exception()
    {
        byte[] key = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] signature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        byte[] empty = [];
        Assert.True(Ed25519.Verify(key, 0, empty, 0, 0, signature, 0));

        Assert.False(Ed25519.Verify(null!, 0, empty, 0, 0, signature, 0));
        Assert.False(Ed25519.Verify(key, 0, null!, 0, 0, signature, 0));
        Assert.False(Ed25519.Verify(key, 0, empty, 0, 0, null!, 0));
        Assert.False(Ed25519.Verify(key[..31], 0, empty, 0, 0, signature, 0));
        Assert.False(Ed25519.Verify(key, 1, empty, 0, 0, signature, 0));
        Assert.False(Ed25519.Verify(key, -1, empty, 0, 0, signature, 0));
        Assert.False(Ed25519.Verify(key, 0, empty, 0, 0, signature[..63], 0));
        Assert.False(Ed25519.Verify(key, 0, empty, 0, 0, signature, 1));
        Assert.False(Ed25519.Verify(key, 0, empty, 0, 0, signature, -1));
        Assert.False(Ed25519.Verify(key, 0, empty, 0, 1, signature, 0));
        Assert.False(Ed25519.Verify(key, 0, empty, 0, -1, signature, 0));
        Assert.False(Ed25519.Verify(key, 0, empty, 1, 0, signature, 0));
        Assert.False(Ed25519.Verify(key, 0, new byte[4], 3, 2, signature, 0));
        Assert.False(Ed25519.Verify(key, 0, new byte[4], 2, int.MaxValue, signature, 0));
    }

    [Fact]
    public void Signatures_made_by_NSec_verify_and_tampered_ones_do_not()
    {
        var algorithm = SignatureAlgorithm.Ed25519;
        var random = new Random(25519);
        for (int trial = 0; trial < 200; trial++)
        {
            using Key key = Key.Create(algorithm);
            byte[] publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            byte[] message = new byte[random.Next(0, 2001)];
            random.NextBytes(message);
            byte[] signature = algorithm.Sign(key, message);

            Assert.True(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0), $"trial {trial}");

            byte[] target = (trial % 3) switch
            {
                0 when message.Length > 0 => message,
                1 => publicKey,
                _ => signature,
            };
            FlipBit(target, random.Next(target.Length * 8));
            bool reference = PublicKey.TryImport(algorithm, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? imported)
                && algorithm.Verify(imported!, message, signature);

            Assert.False(reference, $"trial {trial}: NSec accepts the tampered input");
            Assert.False(Ed25519.Verify(publicKey, 0, message, 0, message.Length, signature, 0), $"trial {trial}");
        }
    }

    private static byte[] Embed(byte[] data, int before, int after)
    {
        byte[] buffer = new byte[before + data.Length + after];
        Array.Fill(buffer, (byte)0xa5);
        data.CopyTo(buffer, before);
        return buffer;
    }

    private static void FlipBit(byte[] data, int bit)
    {
        data[bit >> 3] ^= (byte)(1 << (bit & 7));
    }

    private static void WriteLittleEndian(BigInteger value, byte[] destination, int offset)
    {
        byte[] bytes = value.ToByteArray(isUnsigned: true);
        Array.Clear(destination, offset, 32);
        bytes.CopyTo(destination, offset);
    }
}
