using System.Security.Cryptography;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.UnitTests.Protocol.Security;

public sealed class ShaTests
{
    private const int Margin = 7;

    [Fact]
    public void Sha256_matches_the_platform_hash_for_every_length_up_to_300_bytes()
    {
        var random = new Random(256);
        for (int length = 0; length <= 300; length++)
        {
            byte[] buffer = RandomBytes(random, length + (2 * Margin));

            Assert.Equal(SHA256.HashData(buffer.AsSpan(Margin, length)), Sha256.Hash(buffer, Margin, length));
        }
    }

    [Fact]
    public void Sha512_matches_the_platform_hash_for_every_length_up_to_300_bytes()
    {
        var random = new Random(512);
        for (int length = 0; length <= 300; length++)
        {
            byte[] buffer = RandomBytes(random, length + (2 * Margin));

            Assert.Equal(SHA512.HashData(buffer.AsSpan(Margin, length)), Sha512.Hash(buffer, Margin, length));
        }
    }

    [Fact]
    public void Sha256_gives_the_platform_hash_when_data_arrives_in_random_sized_pieces_and_an_instance_is_reused()
    {
        var random = new Random(2560);
        var sha = new Sha256();
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] data = RandomBytes(random, random.Next(0, 1500));
            byte[] output = new byte[Sha256.HashLength + Margin];

            FeedInPieces(random, data, sha.Update);
            sha.Final(output, Margin);

            Assert.Equal(SHA256.HashData(data), output.AsSpan(Margin).ToArray());
        }
    }

    [Fact]
    public void Sha512_gives_the_platform_hash_when_data_arrives_in_random_sized_pieces_and_an_instance_is_reused()
    {
        var random = new Random(5120);
        var sha = new Sha512();
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] data = RandomBytes(random, random.Next(0, 3000));
            byte[] output = new byte[Sha512.HashLength + Margin];

            FeedInPieces(random, data, sha.Update);
            sha.Final(output, Margin);

            Assert.Equal(SHA512.HashData(data), output.AsSpan(Margin).ToArray());
        }
    }

    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_gives_the_FIPS_180_example_digests(string message, string digestHex)
    {
        byte[] data = System.Text.Encoding.ASCII.GetBytes(message);

        Assert.Equal(Convert.FromHexString(digestHex), Sha256.Hash(data, 0, data.Length));
    }

    [Theory]
    [InlineData("abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
    public void Sha512_gives_the_FIPS_180_example_digests(string message, string digestHex)
    {
        byte[] data = System.Text.Encoding.ASCII.GetBytes(message);

        Assert.Equal(Convert.FromHexString(digestHex), Sha512.Hash(data, 0, data.Length));
    }

    [Fact]
    public void Reset_discards_the_data_fed_so_far()
    {
        byte[] abc = "abc"u8.ToArray();
        byte[] noise = new byte[200];
        var sha256 = new Sha256();
        var sha512 = new Sha512();
        byte[] digest256 = new byte[Sha256.HashLength];
        byte[] digest512 = new byte[Sha512.HashLength];

        sha256.Update(noise, 0, noise.Length);
        sha256.Reset();
        sha256.Update(abc, 0, abc.Length);
        sha256.Final(digest256, 0);
        sha512.Update(noise, 0, noise.Length);
        sha512.Reset();
        sha512.Update(abc, 0, abc.Length);
        sha512.Final(digest512, 0);

        Assert.Equal(SHA256.HashData(abc), digest256);
        Assert.Equal(SHA512.HashData(abc), digest512);
    }

    [Fact]
    public void Updates_and_finals_outside_their_arrays_are_refused_with_argument_exceptions()
    {
        var sha256 = new Sha256();
        var sha512 = new Sha512();
        byte[] data = new byte[10];

        Assert.Throws<ArgumentNullException>(() => sha256.Update(null!, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha256.Update(data, 5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha256.Update(data, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha256.Final(new byte[40], 9));
        Assert.Throws<ArgumentNullException>(() => sha512.Update(null!, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha512.Update(data, 0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha512.Final(new byte[64], 1));
    }

    private static void FeedInPieces(Random random, byte[] data, Action<byte[], int, int> update)
    {
        int offset = 0;
        while (offset < data.Length)
        {
            // Mostly small pieces, some across block boundaries, and the occasional empty one.
            int piece = Math.Min(data.Length - offset, random.Next(4) == 0 ? random.Next(0, 300) : random.Next(0, 20));
            byte[] copy = new byte[piece + (2 * Margin)];
            Array.Copy(data, offset, copy, Margin, piece);
            update(copy, Margin, piece);
            offset += piece;
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
