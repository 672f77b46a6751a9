using System.Text;
using NSec.Cryptography;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.UnitTests.Fleet;

public sealed class FirmwareBundleInspectorTests : IDisposable
{
    private readonly Key _key = SigningFixtures.KeyFromSeed(1);
    private readonly Key _otherKey = SigningFixtures.KeyFromSeed(2);

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    [Fact]
    public void A_flipped_image_byte_is_an_image_hash_mismatch()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key);
        bundle[^100] ^= 0x01;

        FirmwareBundleCheck check = FirmwareBundleInspector.Verify(bundle, [SigningFixtures.PublicKeyOf(_key)]);

        Assert.Equal(FirmwareBundleFault.ImageHashMismatch, check.Fault);
        Assert.Equal("the image's SHA-256 does not match the manifest: the bundle was altered after signing", check.Problem);
        Assert.NotNull(check.Info);
    }

    [Fact]
    public void A_flipped_manifest_byte_fails_the_signature()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key);
        int notes = IndexOf(bundle, "Quieter");
        bundle[notes] = (byte)'q';

        FirmwareBundleCheck check = FirmwareBundleInspector.Verify(bundle, [SigningFixtures.PublicKeyOf(_key)]);

        Assert.Equal(FirmwareBundleFault.BadSignature, check.Fault);
        Assert.Equal(
            $"the signature does not verify with key id {check.Info!.KeyIdHex}: the manifest or the signature was altered after signing",
            check.Problem);
    }

    [Fact]
    public void A_flipped_signature_byte_fails_the_signature()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key);
        int header = FirmwareBundle.HeaderLength(bundle, 0, bundle.Length);
        bundle[header - 10] ^= 0x80;

        Assert.Equal(FirmwareBundleFault.BadSignature, FirmwareBundleInspector.Verify(bundle, [SigningFixtures.PublicKeyOf(_key)]).Fault);
    }

    [Fact]
    public void A_bundle_signed_by_another_key_is_untrusted_and_says_which_key_signed_it()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_otherKey);

        FirmwareBundleCheck check = FirmwareBundleInspector.Verify(bundle, [SigningFixtures.PublicKeyOf(_key)]);

        Assert.Equal(FirmwareBundleFault.UntrustedKey, check.Fault);
        Assert.Equal($"signed by key id {check.Info!.KeyIdHex}, which is not one of the trusted keys", check.Problem);
    }

    [Fact]
    public void The_key_the_manifest_names_is_picked_from_several_trusted_keys()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_otherKey);

        FirmwareBundleCheck check = FirmwareBundleInspector.Verify(bundle, [SigningFixtures.PublicKeyOf(_key), SigningFixtures.PublicKeyOf(_otherKey)]);

        Assert.True(check.IsValid, check.Problem);
    }

    [Fact]
    public void A_bundle_cut_inside_the_image_is_truncated_with_the_lengths_involved()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key, imageLength: 10_000);
        int header = FirmwareBundle.HeaderLength(bundle, 0, bundle.Length);
        byte[] cut = bundle[..(header + 1_000)];

        FirmwareBundleCheck check = FirmwareBundleInspector.Verify(cut, [SigningFixtures.PublicKeyOf(_key)]);

        Assert.Equal(FirmwareBundleFault.Truncated, check.Fault);
        Assert.Equal($"truncated: the bundle is {header + 1_000:N0} bytes but its manifest promises a 10,000-byte image after a {header}-byte header", check.Problem);
    }

    [Fact]
    public void A_bundle_cut_inside_the_header_is_truncated()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key);

        FirmwareBundleCheck inHeader = FirmwareBundleInspector.Inspect(bundle[..40]);
        FirmwareBundleCheck inPrefix = FirmwareBundleInspector.Inspect(bundle[..5]);

        Assert.Equal(FirmwareBundleFault.Truncated, inHeader.Fault);
        Assert.StartsWith("truncated: the bundle is 40 bytes but its header", inHeader.Problem, StringComparison.Ordinal);
        Assert.Equal("truncated: the bundle is 5 bytes, shorter than the 8-byte prefix", inPrefix.Problem);
        Assert.Null(inHeader.Info);
    }

    [Fact]
    public void Bytes_after_the_promised_image_are_refused()
    {
        byte[] bundle = [.. SigningFixtures.SignedBundle(_key), 0];

        FirmwareBundleCheck check = FirmwareBundleInspector.Inspect(bundle);

        Assert.Equal(FirmwareBundleFault.TrailingBytes, check.Fault);
        Assert.Contains("1 byte more than its", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_do_not_start_with_the_bundle_prefix_are_not_a_bundle()
    {
        FirmwareBundleCheck check = FirmwareBundleInspector.Inspect(Encoding.ASCII.GetBytes("MZ this is some executable"));

        Assert.Equal(FirmwareBundleFault.NotABundle, check.Fault);
        Assert.Equal("not a firmware bundle: it does not start with \"SHFW\"", check.Problem);
    }

    [Fact]
    public void A_manifest_that_breaks_a_rule_is_refused_by_the_rule()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key);
        bundle[IndexOf(bundle, "1.4.2") + 4] = (byte)'x';

        FirmwareBundleCheck check = FirmwareBundleInspector.Inspect(bundle);

        Assert.Equal(FirmwareBundleFault.BadManifest, check.Fault);
        Assert.StartsWith("the manifest is invalid: the version \"1.4.x\" is not major.minor.patch", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspecting_checks_everything_but_the_signature()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key);
        bundle[IndexOf(bundle, "Quieter")] = (byte)'q';

        Assert.True(FirmwareBundleInspector.Inspect(bundle).IsValid);
        Assert.False(FirmwareBundleInspector.Verify(bundle, [SigningFixtures.PublicKeyOf(_key)]).IsValid);
    }

    [Fact]
    public void A_trusted_key_that_is_not_32_bytes_is_a_programming_error()
    {
        byte[] bundle = SigningFixtures.SignedBundle(_key);

        Assert.Throws<ArgumentException>(() => FirmwareBundleInspector.Verify(bundle, [new byte[31]]));
    }

    private static int IndexOf(byte[] bundle, string text)
    {
        int index = bundle.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text));
        Assert.True(index > 0, $"\"{text}\" is not in the bundle");
        return index;
    }
}
