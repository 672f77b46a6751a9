using NSec.Cryptography;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.FirmwareSigner.Bundling;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.UnitTests.Fleet;

public sealed class BundleBuilderTests
{
    [Fact]
    public void A_bundle_built_and_signed_verifies_with_its_public_key()
    {
        using Key key = SigningFixtures.KeyFromSeed(1);
        byte[] image = SigningFixtures.Image(10_000);

        byte[] bundle = BundleBuilder.Build(image, SigningFixtures.Spec(), key);
        FirmwareBundleCheck check = FirmwareBundleInspector.Verify(bundle, [SigningFixtures.PublicKeyOf(key)]);

        Assert.True(check.IsValid, check.Problem);
        FirmwareBundleInfo info = check.Info!;
        Assert.Equal("sh-one", info.Model);
        Assert.Equal("1.4.2", info.Version);
        Assert.Equal("1.2.0", info.MinimumVersion);
        Assert.Equal(10_000, info.ImageLength);
        Assert.Equal(3, info.ChunkCount);
        Assert.Equal(Hex.Encode(System.Security.Cryptography.SHA256.HashData(image)), info.ImageSha256Hex);
        Assert.Equal(Hex.Encode(FirmwareBundle.KeyIdOf(SigningFixtures.PublicKeyOf(key))), info.KeyIdHex);
        Assert.Equal(SigningFixtures.Created, info.Created);
        Assert.Equal("Quieter wake word", info.Notes);
        Assert.Equal(bundle.Length, info.BundleLength);
        Assert.Equal(FirmwareImageId.FromHash(System.Security.Cryptography.SHA256.HashData(bundle)), info.ImageId);
    }

    [Fact]
    public void The_bundle_ends_with_the_image_unchanged_after_a_signature_the_device_code_accepts()
    {
        using Key key = SigningFixtures.KeyFromSeed(1);
        byte[] image = SigningFixtures.Image(5_000);

        byte[] bundle = BundleBuilder.Build(image, SigningFixtures.Spec(), key);
        int header = FirmwareBundle.HeaderLength(bundle, 0, bundle.Length);

        Assert.Equal(image, bundle[header..]);
        Assert.True(FirmwareBundle.VerifySignature(bundle, 0, bundle.Length, SigningFixtures.PublicKeyOf(key)));
    }

    [Fact]
    public void Without_a_minimum_version_the_manifest_sets_no_floor()
    {
        using Key key = SigningFixtures.KeyFromSeed(1);

        byte[] bundle = BundleBuilder.Build(SigningFixtures.Image(2_000), SigningFixtures.Spec(minimumVersion: null), key);

        Assert.Null(FirmwareBundleInspector.Inspect(bundle).Info!.MinimumVersion);
    }

    [Theory]
    [InlineData("1.2", "the version \"1.2\" is not major.minor.patch")]
    [InlineData("1.02.0", "the version \"1.02.0\" is not major.minor.patch")]
    [InlineData("v1.2.3", "the version \"v1.2.3\" is not major.minor.patch")]
    public void A_version_that_is_not_major_minor_patch_is_refused_by_name(string version, string expected)
    {
        using Key key = SigningFixtures.KeyFromSeed(1);

        BundleSpecException refused = Assert.Throws<BundleSpecException>(
            () => BundleBuilder.Build(SigningFixtures.Image(2_000), SigningFixtures.Spec(version: version, minimumVersion: null), key));

        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_minimum_version_is_refused_by_name()
    {
        using Key key = SigningFixtures.KeyFromSeed(1);

        BundleSpecException refused = Assert.Throws<BundleSpecException>(
            () => BundleBuilder.Build(SigningFixtures.Image(2_000), SigningFixtures.Spec(minimumVersion: "1.x.0"), key));

        Assert.StartsWith("the minimum version \"1.x.0\" is not major.minor.patch", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimum_version_above_the_version_is_refused()
    {
        using Key key = SigningFixtures.KeyFromSeed(1);

        BundleSpecException refused = Assert.Throws<BundleSpecException>(
            () => BundleBuilder.Build(SigningFixtures.Image(2_000), SigningFixtures.Spec(version: "1.4.2", minimumVersion: "1.10.0"), key));

        Assert.StartsWith("the minimum version 1.10.0 is above the version 1.4.2", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(0)]
    [InlineData(FirmwareManifest.MaxChunkSize + 1)]
    public void A_chunk_size_outside_the_allowed_range_is_refused_with_the_range(int chunkSize)
    {
        using Key key = SigningFixtures.KeyFromSeed(1);

        BundleSpecException refused = Assert.Throws<BundleSpecException>(
            () => BundleBuilder.Build(SigningFixtures.Image(2_000), SigningFixtures.Spec(chunkSize: chunkSize), key));

        Assert.Equal(
            $"the chunk size {chunkSize:N0} is outside the allowed {FirmwareManifest.MinChunkSize:N0}–{FirmwareManifest.MaxChunkSize:N0} bytes",
            refused.Message);
    }

    [Fact]
    public void An_empty_image_is_refused()
    {
        using Key key = SigningFixtures.KeyFromSeed(1);

        BundleSpecException refused = Assert.Throws<BundleSpecException>(() => BundleBuilder.Build([], SigningFixtures.Spec(), key));

        Assert.Equal("the image is empty", refused.Message);
    }

    [Fact]
    public void A_model_longer_than_the_manifest_allows_is_refused_with_both_lengths()
    {
        using Key key = SigningFixtures.KeyFromSeed(1);

        BundleSpecException refused = Assert.Throws<BundleSpecException>(
            () => BundleBuilder.Build(SigningFixtures.Image(2_000), SigningFixtures.Spec(model: new string('m', 65)), key));

        Assert.Equal("the model is 65 characters long; at most 64 are allowed", refused.Message);
    }

    [Fact]
    public void The_rule_explanations_name_a_rule_exactly_when_the_manifest_does_not_validate()
    {
        FirmwareManifest[] manifests =
        [
            Manifest(m => { }),
            Manifest(m => m.Model = ""),
            Manifest(m => m.Version = "1.0"),
            Manifest(m => m.MinimumVersion = "2.0.0"),
            Manifest(m => m.MinimumVersion = ""),
            Manifest(m => m.ImageLength = -5),
            Manifest(m => m.ChunkSize = FirmwareManifest.MaxChunkSize),
            Manifest(m => m.KeyId = new byte[7]),
            Manifest(m => m.ImageSha256 = new byte[31]),
            Manifest(m => m.CreatedUnixSeconds = -1),
            Manifest(m => m.Notes = new string('n', FirmwareManifest.MaxNotesLength)),
            Manifest(m => m.Notes = new string('n', FirmwareManifest.MaxNotesLength + 1)),
        ];

        foreach (FirmwareManifest manifest in manifests)
        {
            Assert.Equal(manifest.Validate() != SpeakerHub.Protocol.ProtocolError.None, FirmwareManifestRules.Explain(manifest) is not null);
        }
    }

    private static FirmwareManifest Manifest(Action<FirmwareManifest> change)
    {
        FirmwareManifest manifest = new()
        {
            Model = "sh-one",
            Version = "1.4.2",
            ImageLength = 100,
            ImageSha256 = new byte[32],
            ChunkSize = FirmwareManifest.DefaultChunkSize,
            KeyId = new byte[8],
        };
        change(manifest);
        return manifest;
    }
}
