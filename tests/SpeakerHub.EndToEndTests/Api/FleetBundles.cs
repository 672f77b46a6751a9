using System.Security.Cryptography;
using NSec.Cryptography;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>An Ed25519 firmware signing key and the signed bundles it makes, as the firmware signer makes them.</summary>
public sealed class FleetSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public byte[] PublicKey => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    public string KeyIdHex => Convert.ToHexStringLower(FirmwareBundle.KeyIdOf(PublicKey));

    /// <summary>A bundle of <paramref name="model"/> at <paramref name="version"/> whose image is <paramref name="imageLength"/> random bytes.</summary>
    public byte[] Bundle(string model, string version = "1.2.0", int imageLength = 20_000, string? notes = null) =>
        Bundle(model, version, RandomNumberGenerator.GetBytes(imageLength), FirmwareManifest.DefaultChunkSize, notes);

    /// <summary>A bundle of <paramref name="image"/>, served to devices in chunks of <paramref name="chunkSize"/>.</summary>
    public byte[] Bundle(string model, string version, byte[] image, int chunkSize, string? notes = null, string? minimumVersion = null)
    {
        var manifest = new FirmwareManifest
        {
            Model = model,
            Version = version,
            ImageLength = image.Length,
            ImageSha256 = SHA256.HashData(image),
            MinimumVersion = minimumVersion,
            ChunkSize = chunkSize,
            KeyId = FirmwareBundle.KeyIdOf(PublicKey),
            CreatedUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Notes = notes ?? "fleet API test build",
        };
        var signedPart = FirmwareBundle.SignedPart(manifest.Encode())!;
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, signedPart);
        return FirmwareBundle.Assemble(signedPart, signature, image);
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>Where the parts of a bundle are: prefix, manifest, signature, image.</summary>
public static class FleetBundleLayout
{
    public static int ManifestLength(byte[] bundle) => (bundle[6] << 8) | bundle[7];

    public static int SignatureOffset(byte[] bundle) => FirmwareBundle.PrefixLength + ManifestLength(bundle);

    public static int ImageOffset(byte[] bundle) => SignatureOffset(bundle) + FirmwareBundle.SignatureLength;

    public static byte[] WithByteFlipped(byte[] bundle, int offset)
    {
        var copy = (byte[])bundle.Clone();
        copy[offset] ^= 0x5A;
        return copy;
    }
}
