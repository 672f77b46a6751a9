using System.Collections;
using System.Security.Cryptography;
using NSec.Cryptography;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>A signed firmware bundle as the cloud stores it: the bytes, their image id and what the manifest says.</summary>
internal sealed record TestBundle(byte[] Bytes, string Id, string Version, int ChunkSize, int HeaderLength)
{
    public int Length => Bytes.Length;

    /// <summary>A copy with one byte flipped; the id is the copy's own (the cloud names what it stores).</summary>
    public TestBundle WithByteFlipped(int index)
    {
        byte[] bytes = [.. Bytes];
        bytes[index] ^= 0x01;
        return this with { Bytes = bytes, Id = TestBundles.IdOf(bytes) };
    }
}

/// <summary>
/// Builds and signs bundles the way the firmware signer does, with Ed25519 keys made from fixed seeds
/// (NSec/libsodium does the signing; the device verifies with the nano-safe code under test).
/// </summary>
internal static class TestBundles
{
    public const string Model = "speakerhub-test";
    public const int DefaultImageLength = 20 * 1024;
    public const int DefaultChunkSize = 1024;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>The key the test devices trust.</summary>
    public static readonly Key TrustedKey = KeyFromSeed(0x11);

    /// <summary>A well-formed key no test device trusts.</summary>
    public static readonly Key UntrustedKey = KeyFromSeed(0x77);

    public static byte[] TrustedPublicKey { get; } = PublicKeyOf(TrustedKey);

    public static ArrayList TrustedKeys() => new() { TrustedPublicKey };

    public static TestBundle Build(
        string version,
        string? minimumVersion = null,
        string model = Model,
        int imageLength = DefaultImageLength,
        int chunkSize = DefaultChunkSize,
        Key? signingKey = null)
    {
        Key key = signingKey ?? TrustedKey;
        byte[] image = SimulatedAppImage.Create(version, imageLength, neverHealthy: false);
        FirmwareManifest manifest = new()
        {
            Model = model,
            Version = version,
            MinimumVersion = minimumVersion,
            ImageLength = image.Length,
            ImageSha256 = SHA256.HashData(image),
            ChunkSize = chunkSize,
            KeyId = FirmwareBundle.KeyIdOf(PublicKeyOf(key)),
            CreatedUnixSeconds = 1_750_000_000,
            Notes = "test build " + version,
        };
        byte[] encoded = manifest.Encode() ?? throw new InvalidOperationException("the test manifest breaks a rule");
        byte[] signed = FirmwareBundle.SignedPart(encoded);
        byte[] signature = Algorithm.Sign(key, signed);
        byte[] bundle = FirmwareBundle.Assemble(signed, signature, image);
        return new TestBundle(bundle, IdOf(bundle), version, chunkSize, signed.Length + FirmwareBundle.SignatureLength);
    }

    public static string IdOf(byte[] bundle) => FirmwareImageId.FromHash(SHA256.HashData(bundle));

    /// <summary>The version a bundle's manifest names, or null when the bytes are not a bundle.</summary>
    public static string? VersionOf(ReadOnlySpan<byte> bundle)
    {
        byte[] bytes = bundle.ToArray();
        FirmwareManifest manifest = new();
        return FirmwareBundle.ReadManifest(bytes, 0, bytes.Length, manifest) == ProtocolError.None ? manifest.Version : null;
    }

    private static Key KeyFromSeed(byte seed)
    {
        byte[] privateKey = Enumerable.Repeat(seed, 32).ToArray();
        return Key.Import(Algorithm, privateKey, KeyBlobFormat.RawPrivateKey);
    }

    private static byte[] PublicKeyOf(Key key) => key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
}
