using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Host.Storage;

/// <summary>Where grain state and other durable data live.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file in the data directory: the single-box default.</summary>
    Sqlite,

    /// <summary>PostgreSQL, for many silos (not implemented yet).</summary>
    Postgres,
}

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string DatabaseFileName = "speakerhub.db";
    public const string AdminKeyFileName = "admin.key";
    public const string OperatorKeyFileName = "operator.key";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Directory for the database and the generated admin and operator keys; relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string DatabasePath => Path.Combine(FullDataDirectory, DatabaseFileName);

    public string AdminKeyPath => Path.Combine(FullDataDirectory, AdminKeyFileName);

    public string OperatorKeyPath => Path.Combine(FullDataDirectory, OperatorKeyFileName);
}

/// <summary>Rejects unusable <see cref="StorageOptions"/>, naming the configuration key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                break;
            case StorageProvider.Postgres:
                failures.Add("Storage:Provider=Postgres is not yet supported; use Sqlite.");
                break;
            default:
                failures.Add($"Storage:Provider '{options.Provider}' is unknown; use Sqlite.");
                break;
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Storage:DataDirectory is empty; set it to a writable directory.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
