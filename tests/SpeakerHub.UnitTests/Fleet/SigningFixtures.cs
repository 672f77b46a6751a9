using NSec.Cryptography;
using SpeakerHub.FirmwareSigner.Bundling;

namespace SpeakerHub.UnitTests.Fleet;

/// <summary>Fixed keys, images and specs, so a failing test shows the same bytes on every run.</summary>
internal static class SigningFixtures
{
    public static readonly DateTimeOffset Created = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static Key KeyFromSeed(byte fill) =>
        Key.Import(SignatureAlgorithm.Ed25519, Enumerable.Repeat(fill, 32).ToArray(), KeyBlobFormat.RawPrivateKey);

    public static byte[] PublicKeyOf(Key key) => key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public static byte[] Image(int length)
    {
        byte[] image = new byte[length];
        new Random(length).NextBytes(image);
        return image;
    }

    public static BundleSpec Spec(string version = "1.4.2", string? minimumVersion = "1.2.0", int chunkSize = 4096, string model = "sh-one") =>
        new(model, version, minimumVersion, chunkSize, "Quieter wake word", Created);

    public static byte[] SignedBundle(Key key, int imageLength = 10_000) => BundleBuilder.Build(Image(imageLength), Spec(), key);
}
