using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Simulator.Terminal;

/// <summary>
/// The firmware signing keys simulated speakers are built to trust: a <c>.pub</c> file (64 hex
/// characters, as <c>FirmwareSigner keygen</c> writes it) or every <c>.pub</c> in a folder. A real
/// speaker has them compiled in; the simulator reads them at start, which is its "factory".
/// </summary>
public static class TrustedKeyFiles
{
    public const string Extension = ".pub";

    /// <summary>The keys at <paramref name="path"/>; none when it does not exist. Throws <see cref="InvalidDataException"/> for a file that is not a key.</summary>
    public static IReadOnlyList<byte[]> Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return [];
        }

        IEnumerable<string> files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*" + Extension).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : [];
        List<byte[]> keys = [];
        foreach (string file in files)
        {
            byte[]? key = Hex.Decode(File.ReadAllText(file).Trim().ToLowerInvariant());
            if (key is not { Length: Ed25519.PublicKeyLength })
            {
                throw new InvalidDataException($"{file} is not an Ed25519 public key ({Ed25519.PublicKeyLength * 2} hex characters).");
            }

            keys.Add(key);
        }

        return keys;
    }
}
