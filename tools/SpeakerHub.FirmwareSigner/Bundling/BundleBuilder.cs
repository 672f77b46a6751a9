using System.Security.Cryptography;
using NSec.Cryptography;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.FirmwareSigner.Bundling;

/// <summary>
/// Builds a signed bundle: manifest from the spec and the image, checked against every manifest rule with a
/// precise reason, signed with Ed25519 over prefix and manifest, assembled by the shared format code. The
/// manifest carries the image's SHA-256, so the one signature covers every byte of the image.
/// </summary>
public static class BundleBuilder
{
    public static byte[] Build(ReadOnlySpan<byte> image, BundleSpec spec, Key privateKey) =>
        Build(image, SHA256.HashData(image), spec, privateKey);

    /// <summary>As <see cref="Build(ReadOnlySpan{byte}, BundleSpec, Key)"/>, with the SHA-256 the caller already computed while reading the image.</summary>
    public static byte[] Build(ReadOnlySpan<byte> image, byte[] imageSha256, BundleSpec spec, Key privateKey)
    {
        ArgumentNullException.ThrowIfNull(imageSha256);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Algorithm != SignatureAlgorithm.Ed25519)
        {
            throw new ArgumentException("Bundles are signed with Ed25519 keys.", nameof(privateKey));
        }

        byte[] publicKey = privateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        FirmwareManifest manifest = new()
        {
            Model = spec.Model,
            Version = spec.Version,
            MinimumVersion = string.IsNullOrEmpty(spec.MinimumVersion) ? null : spec.MinimumVersion,
            ImageLength = image.Length,
            ImageSha256 = imageSha256,
            ChunkSize = spec.ChunkSize,
            KeyId = FirmwareBundle.KeyIdOf(publicKey),
            CreatedUnixSeconds = (spec.Created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            Notes = string.IsNullOrEmpty(spec.Notes) ? null : spec.Notes,
        };

        string? broken = FirmwareManifestRules.Explain(manifest);
        if (broken is not null)
        {
            throw new BundleSpecException(broken);
        }

        byte[] encoded = manifest.Encode();
        byte[] signedPart = FirmwareBundle.SignedPart(encoded)
            ?? throw new BundleSpecException(
                $"the manifest takes {encoded.Length:N0} bytes but a bundle holds at most {FirmwareBundle.MaxManifestLength:N0}: shorten the notes or the model");
        byte[] signature = SignatureAlgorithm.Ed25519.Sign(privateKey, signedPart);
        return FirmwareBundle.Assemble(signedPart, signature, image.ToArray());
    }
}
