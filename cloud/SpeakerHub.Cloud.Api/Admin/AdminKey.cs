using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>
/// The bearer key of <c>/api/admin</c>: <c>Api:AdminKey</c> when configured, otherwise the contents of
/// <c>Api:AdminKeyFile</c>, generated there (owner-only, mode 600) at first start and reused after.
/// The key itself is never logged; the file is where an operator (or the simulator) reads it.
/// </summary>
public sealed class AdminKey
{
    private const int GeneratedKeyBytes = 32;

    private readonly byte[] _keyHash;

    public AdminKey(IOptions<ApiOptions> options, ILogger<AdminKey> logger)
    {
        var api = options.Value;
        string key;
        if (!string.IsNullOrEmpty(api.AdminKey))
        {
            key = api.AdminKey;
            Source = "configuration (Api:AdminKey)";
        }
        else
        {
            var path = Path.GetFullPath(api.AdminKeyFile!);
            key = LoadOrCreate(path, logger);
            Source = path;
        }

        _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Where the key came from: a file path, or the configuration key; for the start-up banner.</summary>
    public string Source { get; }

    /// <summary>Compares in fixed time; hashing first makes the time independent of the presented length too.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = new byte[Encoding.UTF8.GetByteCount(presented)];
        Encoding.UTF8.GetBytes(presented, bytes);
        SHA256.HashData(bytes, presentedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, _keyHash);
    }

    private static string LoadOrCreate(string path, ILogger logger)
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

            logger.LogInformation("Generated a new admin API key in {Path}", path);
            return generated;
        }
        catch (IOException) when (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length < ApiOptions.MinAdminKeyLength)
            {
                throw new InvalidOperationException(
                    $"The admin key file {path} holds no usable key (fewer than {ApiOptions.MinAdminKeyLength} characters); delete it to generate a new one.");
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                logger.LogWarning("The admin key file {Path} is readable by other users; chmod 600 it", path);
            }

            return stored;
        }
    }
}
