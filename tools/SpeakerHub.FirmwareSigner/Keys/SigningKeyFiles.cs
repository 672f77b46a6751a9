using System.Text;
using NSec.Cryptography;
using SpeakerHub.FirmwareSigner.Terminal;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Security;
using PortableEd25519 = SpeakerHub.Protocol.Security.Ed25519;

namespace SpeakerHub.FirmwareSigner.Keys;

/// <summary>
/// The key files: <c>NAME.key</c> holds the 32-byte Ed25519 seed and <c>NAME.pub</c> the 32-byte public key,
/// each as lowercase hex and a newline, so they survive copy and paste, diff cleanly and need no parser. The
/// private key is created with mode 600 because anyone who can read it can ship firmware to every speaker.
/// </summary>
public static class SigningKeyFiles
{
    public const string PrivateKeyExtension = ".key";
    public const string PublicKeyExtension = ".pub";
    public const int SeedLength = 32;
    public const UnixFileMode PrivateKeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The lowercase hex key id a manifest names this public key by.</summary>
    public static string KeyIdHex(byte[] publicKey) => Hex.Encode(FirmwareBundle.KeyIdOf(publicKey));

    /// <summary>Creates a key pair and writes both files; an existing file is kept unless <paramref name="force"/>.</summary>
    public static KeyPairFiles Generate(string directory, string name, bool force)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            throw new SignerException($"\"{name}\" cannot be a key name: use letters, digits, '-' or '_' (the files are NAME.key and NAME.pub)");
        }

        Directory.CreateDirectory(directory);
        string privatePath = Path.Combine(directory, name + PrivateKeyExtension);
        string publicPath = Path.Combine(directory, name + PublicKeyExtension);
        foreach (string path in new[] { privatePath, publicPath })
        {
            if (!force && File.Exists(path))
            {
                throw new SignerException($"{path} already exists; pass --force to replace it (whatever it signed then needs the new key)");
            }
        }

        using Key key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        byte[] seed = key.Export(KeyBlobFormat.RawPrivateKey);
        byte[] publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        try
        {
            using StagedFile privateFile = StagedFile.Write(privatePath, HexLine(seed), PrivateKeyMode);
            using StagedFile publicFile = StagedFile.Write(publicPath, HexLine(publicKey));
            privateFile.Commit(force);
            publicFile.Commit(force);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }

        // A replaced key file keeps the mode it is renamed from, but say so plainly rather than trust it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privatePath, PrivateKeyMode);
        }

        return new KeyPairFiles(Path.GetFullPath(privatePath), Path.GetFullPath(publicPath), publicKey);
    }

    /// <summary>Loads a private key for signing; only the seed is read, the public key is derived from it.</summary>
    public static Key ReadPrivateKey(string path)
    {
        RefuseExtension(path, PublicKeyExtension, "a public key, not a private one: sign with NAME.key");
        byte[] seed = ReadHexFile(path, SeedLength, "a private key", $"{SeedLength * 2} hex characters (a {SeedLength}-byte Ed25519 seed)");
        try
        {
            return Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Loads a raw public key; the byte count is all a raw Ed25519 key can be checked for here.</summary>
    public static byte[] ReadPublicKey(string path)
    {
        // Both files are 64 hex characters; only the name tells a private key handed out by mistake.
        RefuseExtension(path, PrivateKeyExtension, "a private key, not a public one: give NAME.pub");
        return ReadHexFile(path, PortableEd25519.PublicKeyLength, "a public key", $"{PortableEd25519.PublicKeyLength * 2} hex characters (a {PortableEd25519.PublicKeyLength}-byte Ed25519 public key)");
    }

    private static void RefuseExtension(string path, string extension, string what)
    {
        if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new SignerException($"{path} is {what}");
        }
    }

    private static byte[] HexLine(byte[] bytes) => Encoding.ASCII.GetBytes(Hex.Encode(bytes) + "\n");

    private static byte[] ReadHexFile(string path, int length, string what, string expected)
    {
        if (!File.Exists(path))
        {
            throw new SignerException($"{path} does not exist");
        }

        string text = new FileInfo(path).Length > 4 * length ? string.Empty : File.ReadAllText(path).Trim();
        byte[]? bytes = Hex.Decode(text);
        if (bytes is null || bytes.Length != length)
        {
            throw new SignerException($"{path} is not {what}: expected {expected}");
        }

        return bytes;
    }
}
