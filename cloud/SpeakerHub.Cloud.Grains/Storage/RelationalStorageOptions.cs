using Orleans;
using Orleans.Runtime;

namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>The database engines <see cref="RelationalGrainStorage"/> can talk to.</summary>
public enum RelationalStorageProvider
{
    Sqlite,
}

/// <summary>Settings for one named <see cref="RelationalGrainStorage"/> store.</summary>
public sealed class RelationalStorageOptions
{
    public RelationalStorageProvider Provider { get; set; } = RelationalStorageProvider.Sqlite;

    /// <summary>ADO.NET connection string; for SQLite e.g. <c>Data Source=data/grains.db</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// How long a SQLite connection waits for another writer's lock before failing with SQLITE_BUSY.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Silo lifecycle stage at which the table is created, so schema errors stop the silo early.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}

/// <summary>Rejects unusable <see cref="RelationalStorageOptions"/> when the silo starts, naming the store.</summary>
public sealed class RelationalStorageOptionsValidator(RelationalStorageOptions options, string storeName)
    : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (!Enum.IsDefined(options.Provider))
        {
            throw Invalid($"{nameof(RelationalStorageOptions.Provider)} '{options.Provider}' is not supported.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid($"{nameof(RelationalStorageOptions.ConnectionString)} is empty; set it to e.g. 'Data Source=data/grains.db'.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(RelationalStorageOptions.BusyTimeout)} must be positive, was {options.BusyTimeout}.");
        }

        if (options.Provider == RelationalStorageProvider.Sqlite && SqliteDialect.ProblemWith(options.ConnectionString) is { } problem)
        {
            throw Invalid(problem);
        }
    }

    private OrleansConfigurationException Invalid(string problem)
    {
        return new OrleansConfigurationException($"Grain storage '{storeName}' ({nameof(RelationalGrainStorage)}): {problem}");
    }
}
