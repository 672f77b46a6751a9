using System.Text.RegularExpressions;
using NSec.Cryptography;
using SpeakerHub.FirmwareSigner.Keys;
using SpeakerHub.FirmwareSigner.Terminal;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.UnitTests.Fleet;

public sealed partial class SigningKeyFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("signer-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Keygen_writes_the_seed_and_the_public_key_as_one_lowercase_hex_line_each()
    {
        KeyPairFiles files = SigningKeyFiles.Generate(_folder, "ops", force: false);

        string privateText = File.ReadAllText(Path.Combine(_folder, "ops.key"));
        string publicText = File.ReadAllText(Path.Combine(_folder, "ops.pub"));
        Assert.Matches(HexLine(), privateText);
        Assert.Matches(HexLine(), publicText);
        Assert.Equal(Hex.Encode(files.PublicKey) + "\n", publicText);
    }

    [Fact]
    public void The_private_key_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        SigningKeyFiles.Generate(_folder, "ops", force: false);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "ops.key")));
    }

    [Fact]
    public void The_private_key_file_reads_back_as_the_key_whose_public_half_is_in_the_pub_file()
    {
        SigningKeyFiles.Generate(_folder, "ops", force: false);

        using Key key = SigningKeyFiles.ReadPrivateKey(Path.Combine(_folder, "ops.key"));
        byte[] publicKey = SigningKeyFiles.ReadPublicKey(Path.Combine(_folder, "ops.pub"));

        Assert.Equal(publicKey, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    [Fact]
    public void Keygen_refuses_to_replace_an_existing_key_unless_forced()
    {
        SigningKeyFiles.Generate(_folder, "ops", force: false);
        string before = File.ReadAllText(Path.Combine(_folder, "ops.key"));

        SignerException refused = Assert.Throws<SignerException>(() => SigningKeyFiles.Generate(_folder, "ops", force: false));
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("already exists; pass --force", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_folder, "ops.key")));

        SigningKeyFiles.Generate(_folder, "ops", force: true);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(_folder, "ops.key")));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_key_file_that_is_not_hex_of_the_right_length_is_refused_with_what_was_expected()
    {
        string path = Path.Combine(_folder, "bad.pub");
        File.WriteAllText(path, "abcd\n");

        SignerException refused = Assert.Throws<SignerException>(() => SigningKeyFiles.ReadPublicKey(path));

        Assert.Equal($"{path} is not a public key: expected 64 hex characters (a 32-byte Ed25519 public key)", refused.Message);
    }

    [Fact]
    public void A_private_key_given_where_a_public_key_belongs_is_refused_by_its_name()
    {
        SigningKeyFiles.Generate(_folder, "ops", force: false);
        string privatePath = Path.Combine(_folder, "ops.key");
        string publicPath = Path.Combine(_folder, "ops.pub");

        SignerException asPublic = Assert.Throws<SignerException>(() => SigningKeyFiles.ReadPublicKey(privatePath));
        SignerException asPrivate = Assert.Throws<SignerException>(() => SigningKeyFiles.ReadPrivateKey(publicPath));

        Assert.Equal($"{privatePath} is a private key, not a public one: give NAME.pub", asPublic.Message);
        Assert.Equal($"{publicPath} is a public key, not a private one: sign with NAME.key", asPrivate.Message);
    }

    [GeneratedRegex("^[0-9a-f]{64}\n$")]
    private static partial Regex HexLine();
}
