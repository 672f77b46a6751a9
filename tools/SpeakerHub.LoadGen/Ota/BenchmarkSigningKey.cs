using System.Security.Cryptography;
using NSec.Cryptography;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.LoadGen.Ota;

/// <summary>
/// A throwaway Ed25519 firmware signing key, made for one run and never written anywhere, and the signed
/// bundle it makes: the same manifest, signed part and layout as <c>SpeakerHub.FirmwareSigner bundle</c>.
/// </summary>
public sealed class BenchmarkSigningKey : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

    /// <summary>The raw 32-byte public key: what the simulated speakers trust and the cloud registers.</summary>
    public byte[] PublicKey => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    /// <summary>A bundle of <paramref name="image"/> for <paramref name="model"/> at <paramref name="version"/>, served in chunks of <paramref name="chunkSize"/>.</summary>
    public byte[] Sign(string model, string version, byte[] image, int chunkSize)
    {
        FirmwareManifest manifest = new()
        {
            Model = model,
            Version = version,
            ImageLength = image.Length,
            ImageSha256 = SHA256.HashData(image),
            ChunkSize = chunkSize,
            KeyId = FirmwareBundle.KeyIdOf(PublicKey),
            CreatedUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Notes = "loadgen ota benchmark build",
        };
        byte[] signedPart = FirmwareBundle.SignedPart(manifest.Encode())
            ?? throw new InvalidOperationException("The benchmark manifest does not encode.");
        byte[] signature = SignatureAlgorithm.Ed25519.Sign(_key, signedPart);
        return FirmwareBundle.Assemble(signedPart, signature, image);
    }

    public void Dispose() => _key.Dispose();
}
