using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>
/// A bearer key the host holds for one role (admin, fleet operator): the configured key when there is
/// one, otherwise the contents of a key file, generated there (owner-only, mode 600) at first start and
/// reused after. The key itself is never logged; the file is where an operator (or a tool) reads it.
/// </summary>
public abstract class StoredApiKey
{
    private const int GeneratedKeyBytes = 32;

    private readonly byte[] _keyHash;

    /// <param name="role">Who the key is for, as log messages and errors name it ("admin", "fleet operator").</param>
    /// <param name="configuredKey">The key from configuration; empty to use <paramref name="keyFile"/>.</param>
    /// <param name="configurationKey">The configuration key it came from, e.g. <c>Api:AdminKey</c>, for <see cref="Source"/>.</param>
    /// <param name="keyFile">Where a generated key lives; required when <paramref name="configuredKey"/> is empty.</param>
    protected StoredApiKey(string role, string? configuredKey, string configurationKey, string? keyFile, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        string key;
        if (!string.IsNullOrEmpty(configuredKey))
        {
            key = configuredKey;
            Source = $"configuration ({configurationKey})";
        }
        else
        {
            if (string.IsNullOrWhiteSpace(keyFile))
            {
                throw new InvalidOperationException($"Neither {configurationKey} nor {configurationKey}File is set; the {role} key has nowhere to come from.");
            }

            var path = Path.GetFullPath(keyFile);
            key = LoadOrCreate(path, role, logger);
            Source = path;
            FilePath = path;
        }

        _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Where the key came from: a file path, or the configuration key; for the start-up banner.</summary>
    public string Source { get; }

    /// <summary>The key file, or null when the key came from configuration.</summary>
    public string? FilePath { get; }

    /// <summary>Compares in fixed time; hashing first makes the time independent of the presented length too.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = new byte[Encoding.UTF8.GetByteCount(presented)];
        Encoding.UTF8.GetBytes(presented, bytes);
        SHA256.HashData(bytes, presentedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, _keyHash);
    }

    private static string LoadOrCreate(string path, string role, ILogger logger)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));
        try
        {
            // CreateNew: two hosts starting on one data directory never overwrite each other's key.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path, Encoding.ASCII, create))
            {
                writer.WriteLine(generated);
            }

            logger.LogInformation("Generated a new {Role} API key in {Path}", role, path);
            return generated;
        }
        catch (IOException) when (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length < ApiOptions.MinKeyLength)
            {
                throw new InvalidOperationException(
                    $"The {role} key file {path} holds no usable key (fewer than {ApiOptions.MinKeyLength} characters); delete it to generate a new one.");
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                logger.LogWarning("The {Role} key file {Path} is readable by other users; chmod 600 it", role, path);
            }

            return stored;
        }
    }
}
