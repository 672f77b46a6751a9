using SpeakerHub.FirmwareSigner;
using SpeakerHub.FirmwareSigner.Terminal;

namespace SpeakerHub.UnitTests.Fleet;

/// <summary>The real command line, run in-process with its output captured, as an operator or a script would see it.</summary>
public sealed class SignerCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("signer-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Keygen_image_bundle_and_verify_succeed_end_to_end()
    {
        string bundle = SignedBundle("ops");

        Run(out string verified, out _, "verify", "--bundle", bundle, "--pub", At("ops.pub")).ShouldBe(ExitCodes.Success);
        Assert.EndsWith("valid" + Environment.NewLine, verified, StringComparison.Ordinal);
        Assert.Contains("version        1.4.2", verified, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_prints_a_summary_of_what_it_signed()
    {
        Run(out _, out _, "keygen", "--out", _folder, "--name", "ops").ShouldBe(ExitCodes.Success);
        Run(out _, out _, "simulated-image", "--version", "1.4.2", "--size", "20000", "--out", At("app.bin")).ShouldBe(ExitCodes.Success);

        Run(out string summary, out _, "bundle", "--key", At("ops.key"), "--model", "sh-one", "--version", "1.4.2", "--min-version", "1.0.0",
            "--image", At("app.bin"), "--out", At("app.shfw")).ShouldBe(ExitCodes.Success);

        foreach (string line in new[] { "image id       fw-", "model          sh-one", "min version    1.0.0", "image size     20,000 bytes", "chunks         3 of 8,192 bytes", "key id " })
        {
            Assert.Contains(line, summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_exits_1_naming_the_signing_key_when_none_of_the_given_keys_signed_it()
    {
        string bundle = SignedBundle("ops");
        Run(out _, out _, "keygen", "--out", _folder, "--name", "other").ShouldBe(ExitCodes.Success);

        Run(out string output, out _, "verify", "--bundle", bundle, "--pub", At("other.pub")).ShouldBe(ExitCodes.Invalid);

        Assert.Contains("which none of the given keys has", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_exits_1_for_a_tampered_copy()
    {
        string bundle = SignedBundle("ops");
        byte[] bytes = File.ReadAllBytes(bundle);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(At("tampered.shfw"), bytes);

        Run(out string output, out _, "verify", "--bundle", At("tampered.shfw"), "--pub", At("ops.pub")).ShouldBe(ExitCodes.Invalid);

        Assert.Contains("invalid: the image's SHA-256 does not match the manifest", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_exits_2_for_usage_mistakes()
    {
        string bundle = SignedBundle("ops");

        Run(out _, out string noKeys, "verify", "--bundle", bundle).ShouldBe(ExitCodes.Usage);
        Run(out _, out string noFile, "verify", "--bundle", At("missing.shfw"), "--pub", At("ops.pub")).ShouldBe(ExitCodes.Usage);

        Assert.StartsWith("error: ", noKeys, StringComparison.Ordinal);
        Assert.Equal($"error: {At("missing.shfw")} does not exist{Environment.NewLine}", noFile);
    }

    [Fact]
    public void Inspect_shows_the_image_id_without_keys_and_exits_1_for_garbage()
    {
        string bundle = SignedBundle("ops");
        File.WriteAllText(At("garbage.shfw"), "not a bundle at all");

        Run(out string shown, out _, "inspect", "--bundle", bundle).ShouldBe(ExitCodes.Success);
        Run(out string refused, out _, "inspect", "--bundle", At("garbage.shfw")).ShouldBe(ExitCodes.Invalid);

        Assert.Contains("image id       fw-", shown, StringComparison.Ordinal);
        Assert.Contains("signature not checked", shown, StringComparison.Ordinal);
        Assert.Equal("invalid: not a firmware bundle: it does not start with \"SHFW\"" + Environment.NewLine, refused);
    }

    [Fact]
    public void Bundle_refuses_a_bad_version_with_one_line_and_writes_nothing()
    {
        Run(out _, out _, "keygen", "--out", _folder, "--name", "ops").ShouldBe(ExitCodes.Success);
        Run(out _, out _, "simulated-image", "--version", "1.4.2", "--out", At("app.bin")).ShouldBe(ExitCodes.Success);

        Run(out _, out string error, "bundle", "--key", At("ops.key"), "--model", "sh-one", "--version", "1.4", "--image", At("app.bin"), "--out", At("app.shfw"))
            .ShouldBe(ExitCodes.Usage);

        Assert.StartsWith("error: the version \"1.4\" is not major.minor.patch", error, StringComparison.Ordinal);
        Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(At("app.shfw")));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Keygen_exits_2_rather_than_replace_a_key()
    {
        Run(out _, out _, "keygen", "--out", _folder, "--name", "ops").ShouldBe(ExitCodes.Success);

        Run(out _, out string error, "keygen", "--out", _folder, "--name", "ops").ShouldBe(ExitCodes.Usage);

        Assert.Contains("already exists; pass --force", error, StringComparison.Ordinal);
    }

    private string SignedBundle(string keyName)
    {
        Run(out _, out _, "keygen", "--out", _folder, "--name", keyName).ShouldBe(ExitCodes.Success);
        Run(out _, out _, "simulated-image", "--version", "1.4.2", "--size", "20000", "--out", At("app.bin")).ShouldBe(ExitCodes.Success);
        Run(out _, out _, "bundle", "--key", At(keyName + ".key"), "--model", "sh-one", "--version", "1.4.2", "--image", At("app.bin"), "--out", At("app.shfw"))
            .ShouldBe(ExitCodes.Success);
        return At("app.shfw");
    }

    private string At(string name) => Path.Combine(_folder, name);

    private static ExitCode Run(out string output, out string error, params string[] args)
    {
        using StringWriter outputWriter = new();
        using StringWriter errorWriter = new();
        int code = SignerCommand.Run(args, outputWriter, errorWriter);
        output = outputWriter.ToString();
        error = errorWriter.ToString();
        return new ExitCode(code, $"{string.Join(' ', args)}\n{output}{error}");
    }

    private readonly record struct ExitCode(int Value, string Transcript)
    {
        public void ShouldBe(int expected) => Assert.True(Value == expected, $"exit {Value}, expected {expected}:\n{Transcript}");
    }
}
