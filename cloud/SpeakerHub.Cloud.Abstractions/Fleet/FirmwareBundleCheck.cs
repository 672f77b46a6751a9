using System.Globalization;
using System.Security.Cryptography;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Cloud.Abstractions.Fleet;

/// <summary>
/// Why a bundle was refused, so a caller can act on the kind (an HTTP status, an exit code) while people
/// read <see cref="FirmwareBundleCheck.Problem"/>.
/// </summary>
[GenerateSerializer, Alias("SpeakerHub.FirmwareBundleFault")]
public enum FirmwareBundleFault
{
    None = 0,

    /// <summary>It does not start with the "SHFW" prefix of a format this code reads.</summary>
    NotABundle = 1,

    /// <summary>Fewer bytes than the header or the image its manifest promises.</summary>
    Truncated = 2,

    /// <summary>The manifest does not decode or breaks one of its rules.</summary>
    BadManifest = 3,

    /// <summary>Bytes left over after the image the manifest promises.</summary>
    TrailingBytes = 4,

    /// <summary>The image is not the one the manifest's SHA-256 names.</summary>
    ImageHashMismatch = 5,

    /// <summary>The manifest names a signing key none of the trusted keys is.</summary>
    UntrustedKey = 6,

    /// <summary>The key is trusted but the signature over prefix and manifest does not verify with it.</summary>
    BadSignature = 7,
}

/// <summary>
/// The outcome of checking a bundle: valid, or the first problem found as one sentence. <see cref="Info"/>
/// is there whenever the manifest decoded, even for a refused bundle, so a refusal can still say what the
/// bundle claims to be.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.FirmwareBundleCheck")]
public sealed record FirmwareBundleCheck(
    [property: Id(0)] FirmwareBundleFault Fault,
    [property: Id(1)] string? Problem,
    [property: Id(2)] FirmwareBundleInfo? Info)
{
    public bool IsValid => Fault == FirmwareBundleFault.None;

    public static FirmwareBundleCheck Valid(FirmwareBundleInfo info) => new(FirmwareBundleFault.None, null, info);

    public static FirmwareBundleCheck Refused(FirmwareBundleFault fault, string problem, FirmwareBundleInfo? info = null) => new(fault, problem, info);
}

/// <summary>What a bundle's manifest says, in the forms people and APIs show (hex, versions as text).</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.FirmwareBundleInfo")]
public sealed record FirmwareBundleInfo(
    [property: Id(0)] string ImageId,
    [property: Id(1)] string Model,
    [property: Id(2)] string Version,
    [property: Id(3)] string? MinimumVersion,
    [property: Id(4)] int ImageLength,
    [property: Id(5)] int ChunkSize,
    [property: Id(6)] string ImageSha256Hex,
    [property: Id(7)] string KeyIdHex,
    [property: Id(8)] DateTimeOffset? Created,
    [property: Id(9)] string? Notes,
    [property: Id(10)] int BundleLength)
{
    /// <summary>How many OTA chunks carry the image (the last one may be short).</summary>
    public int ChunkCount => ChunkSize <= 0 ? 0 : (int)((ImageLength + (long)ChunkSize - 1) / ChunkSize);
}

/// <summary>
/// The full check of a bundle that the signer runs before it lets a bundle out and the cloud runs before it
/// accepts one: structure, manifest rules, image length, image SHA-256, then the signature against trusted
/// keys. Signatures go through the same nano-safe <see cref="FirmwareBundle.VerifySignature"/> a device
/// runs, so what passes here is what a speaker will accept.
/// </summary>
public static class FirmwareBundleInspector
{
    /// <summary>Everything but the signature: for showing a bundle whose signer is not known here.</summary>
    public static FirmwareBundleCheck Inspect(byte[] bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Inspect(bundle, out _);
    }

    /// <summary>
    /// <see cref="Inspect(byte[])"/>, then the signature with the trusted key whose key id the manifest names.
    /// Each key is a raw 32-byte Ed25519 public key.
    /// </summary>
    public static FirmwareBundleCheck Verify(byte[] bundle, IEnumerable<byte[]> trustedPublicKeys)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(trustedPublicKeys);
        byte[][] keys = [.. trustedPublicKeys];
        foreach (byte[] key in keys)
        {
            if (key is null || key.Length != Ed25519.PublicKeyLength)
            {
                throw new ArgumentException($"Every trusted key must be a raw {Ed25519.PublicKeyLength}-byte Ed25519 public key.", nameof(trustedPublicKeys));
            }
        }

        FirmwareBundleCheck inspected = Inspect(bundle, out FirmwareManifest? manifest);
        if (!inspected.IsValid || manifest is null)
        {
            return inspected;
        }

        FirmwareBundleInfo info = inspected.Info!;
        byte[][] named = [.. keys.Where(key => FirmwareBundle.KeyIdOf(key).AsSpan().SequenceEqual(manifest.KeyId))];
        if (named.Length == 0)
        {
            return FirmwareBundleCheck.Refused(
                FirmwareBundleFault.UntrustedKey, $"signed by key id {info.KeyIdHex}, which is not one of the trusted keys", info);
        }

        if (!named.Any(key => FirmwareBundle.VerifySignature(bundle, 0, bundle.Length, key)))
        {
            return FirmwareBundleCheck.Refused(
                FirmwareBundleFault.BadSignature,
                $"the signature does not verify with key id {info.KeyIdHex}: the manifest or the signature was altered after signing",
                info);
        }

        return inspected;
    }

    private static FirmwareBundleCheck Inspect(byte[] bundle, out FirmwareManifest? manifest)
    {
        manifest = null;
        if (bundle.Length < FirmwareBundle.PrefixLength)
        {
            return FirmwareBundleCheck.Refused(
                FirmwareBundleFault.Truncated,
                $"truncated: the bundle is {Bytes(bundle.Length)}, shorter than the {FirmwareBundle.PrefixLength}-byte prefix");
        }

        int header = FirmwareBundle.HeaderLength(bundle, 0, bundle.Length);
        if (header < 0)
        {
            return FirmwareBundleCheck.Refused(FirmwareBundleFault.NotABundle, DescribeBadPrefix(bundle));
        }

        if (bundle.Length < header)
        {
            return FirmwareBundleCheck.Refused(
                FirmwareBundleFault.Truncated,
                $"truncated: the bundle is {Bytes(bundle.Length)} but its header (prefix, {Bytes(header - FirmwareBundle.PrefixLength - FirmwareBundle.SignatureLength)} manifest, signature) needs {Bytes(header)}");
        }

        FirmwareManifest decoded = new();
        ProtocolError error = FirmwareBundle.ReadManifest(bundle, 0, bundle.Length, decoded);
        if (error != ProtocolError.None)
        {
            return FirmwareBundleCheck.Refused(FirmwareBundleFault.BadManifest, DescribeManifestError(error, decoded));
        }

        long expected = (long)header + decoded.ImageLength;
        if (bundle.Length < expected)
        {
            return FirmwareBundleCheck.Refused(
                FirmwareBundleFault.Truncated,
                $"truncated: the bundle is {Bytes(bundle.Length)} but its manifest promises {Article(decoded.ImageLength)} {Bytes(decoded.ImageLength, hyphen: true)} image after {Article(header)} {Bytes(header, hyphen: true)} header");
        }

        if (bundle.Length > expected)
        {
            return FirmwareBundleCheck.Refused(
                FirmwareBundleFault.TrailingBytes,
                $"the bundle is {Bytes(bundle.Length)}, {Bytes(bundle.Length - expected)} more than its {Bytes(header, hyphen: true)} header and the {Bytes(decoded.ImageLength, hyphen: true)} image its manifest promises");
        }

        FirmwareBundleInfo info = Describe(bundle, decoded);
        byte[] imageHash = SHA256.HashData(bundle.AsSpan(header, decoded.ImageLength));
        if (!CryptographicOperations.FixedTimeEquals(imageHash, decoded.ImageSha256))
        {
            return FirmwareBundleCheck.Refused(
                FirmwareBundleFault.ImageHashMismatch, "the image's SHA-256 does not match the manifest: the bundle was altered after signing", info);
        }

        manifest = decoded;
        return FirmwareBundleCheck.Valid(info);
    }

    private static FirmwareBundleInfo Describe(byte[] bundle, FirmwareManifest manifest) => new(
        FirmwareImageId.FromHash(SHA256.HashData(bundle)),
        manifest.Model,
        manifest.Version,
        string.IsNullOrEmpty(manifest.MinimumVersion) ? null : manifest.MinimumVersion,
        manifest.ImageLength,
        manifest.ChunkSize,
        Hex.Encode(manifest.ImageSha256),
        Hex.Encode(manifest.KeyId),
        manifest.CreatedUnixSeconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(manifest.CreatedUnixSeconds),
        manifest.Notes,
        bundle.Length);

    private static string DescribeBadPrefix(byte[] bundle)
    {
        if (bundle[0] != 'S' || bundle[1] != 'H' || bundle[2] != 'F' || bundle[3] != 'W')
        {
            return "not a firmware bundle: it does not start with \"SHFW\"";
        }

        if (bundle[4] != FirmwareBundle.Format)
        {
            return $"unsupported bundle format {bundle[4]}: only format {FirmwareBundle.Format} is known";
        }

        if (bundle[5] != 0)
        {
            return $"not a firmware bundle: the reserved byte after the format is {bundle[5]}, not 0";
        }

        int manifestLength = BigEndian.ReadUInt16(bundle, 6);
        return manifestLength == 0
            ? "not a firmware bundle: its manifest length is 0"
            : $"not a firmware bundle: its manifest length {Bytes(manifestLength)} is over the {Bytes(FirmwareBundle.MaxManifestLength)} allowed";
    }

    private static string DescribeManifestError(ProtocolError error, FirmwareManifest manifest) => error switch
    {
        ProtocolError.MissingField or ProtocolError.OutOfRange =>
            "the manifest is invalid: " + (FirmwareManifestRules.Explain(manifest) ?? $"it breaks a rule ({error})"),
        ProtocolError.Truncated => "the manifest is malformed: a field runs past the manifest's end",
        ProtocolError.BadFieldLength => "the manifest is malformed: a field's length does not fit its type (e.g. a 5-byte image length)",
        ProtocolError.BadText => "the manifest is malformed: a text field is not valid UTF-8",
        _ => $"the manifest is malformed ({error})",
    };

    /// <summary>"a" or "an" before a number as it is read aloud: an 8-, 11-, 18-, 80-, 800-, 11,000-byte ….</summary>
    private static string Article(long count)
    {
        string digits = count.ToString(CultureInfo.InvariantCulture);
        bool eleventeen = digits.Length % 3 == 2 && (digits.StartsWith("11", StringComparison.Ordinal) || digits.StartsWith("18", StringComparison.Ordinal));
        return digits[0] == '8' || eleventeen ? "an" : "a";
    }

    private static string Bytes(long count, bool hyphen = false) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + (hyphen ? "-byte" : count == 1 ? " byte" : " bytes");
}

/// <summary>
/// <see cref="FirmwareManifest.Validate"/> says only that a rule is broken; this says which, as a sentence an
/// operator can act on. It checks the same rules in the same order, so it names a rule exactly when
/// <see cref="FirmwareManifest.Validate"/> fails.
/// </summary>
public static class FirmwareManifestRules
{
    private const string VersionForm = "major.minor.patch, each a number 0–99999 without leading zeros, e.g. 1.4.2";

    /// <summary>The first broken rule, or null when the manifest is valid.</summary>
    public static string? Explain(FirmwareManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string? missing = ExplainMissing(manifest);
        if (missing is not null)
        {
            return missing;
        }

        if (manifest.Model.Length > FirmwareManifest.MaxModelLength)
        {
            return $"the model is {manifest.Model.Length} characters long; at most {FirmwareManifest.MaxModelLength} are allowed";
        }

        if (!FirmwareVersion.IsValid(manifest.Version))
        {
            return $"the version \"{manifest.Version}\" is not {VersionForm}";
        }

        if (!string.IsNullOrEmpty(manifest.MinimumVersion))
        {
            if (!FirmwareVersion.IsValid(manifest.MinimumVersion))
            {
                return $"the minimum version \"{manifest.MinimumVersion}\" is not {VersionForm}";
            }

            if (FirmwareVersion.Compare(manifest.MinimumVersion, manifest.Version) > 0)
            {
                return $"the minimum version {manifest.MinimumVersion} is above the version {manifest.Version}: a device would refuse the image it is running";
            }
        }

        return ExplainRanges(manifest);
    }

    private static string? ExplainMissing(FirmwareManifest manifest)
    {
        if (string.IsNullOrEmpty(manifest.Model))
        {
            return "the model is missing";
        }

        if (manifest.Version is null)
        {
            return "the version is missing";
        }

        if (manifest.ImageSha256 is null)
        {
            return "the image SHA-256 is missing";
        }

        if (manifest.KeyId is null)
        {
            return "the signing key id is missing";
        }

        // A missing chunk size decodes as 0, which the range rule names with the range it must be in.
        return manifest.ImageLength == 0 ? "the image is empty" : null;
    }

    private static string? ExplainRanges(FirmwareManifest manifest)
    {
        if (manifest.ImageLength < 0)
        {
            return $"the image length {manifest.ImageLength} is negative";
        }

        if (manifest.ChunkSize < FirmwareManifest.MinChunkSize || manifest.ChunkSize > FirmwareManifest.MaxChunkSize)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"the chunk size {manifest.ChunkSize:N0} is outside the allowed {FirmwareManifest.MinChunkSize:N0}–{FirmwareManifest.MaxChunkSize:N0} bytes");
        }

        if (manifest.ImageSha256.Length != Sha256.HashLength)
        {
            return $"the image SHA-256 is {manifest.ImageSha256.Length} bytes, not {Sha256.HashLength}";
        }

        if (manifest.KeyId.Length != FirmwareManifest.KeyIdLength)
        {
            return $"the signing key id is {manifest.KeyId.Length} bytes, not {FirmwareManifest.KeyIdLength}";
        }

        if (manifest.CreatedUnixSeconds < 0)
        {
            return $"the creation time {manifest.CreatedUnixSeconds} is before 1970";
        }

        if (manifest.CreatedUnixSeconds > FirmwareManifest.MaxCreatedUnixSeconds)
        {
            return $"the creation time {manifest.CreatedUnixSeconds} is after the year 9999";
        }

        return manifest.Notes is not null && manifest.Notes.Length > FirmwareManifest.MaxNotesLength
            ? $"the notes are {manifest.Notes.Length} characters long; at most {FirmwareManifest.MaxNotesLength} are allowed"
            : null;
    }
}
