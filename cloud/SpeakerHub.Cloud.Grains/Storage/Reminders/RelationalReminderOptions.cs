using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;

namespace SpeakerHub.Cloud.Grains.Storage.Reminders;

/// <summary>Where <see cref="RelationalReminderTable"/> keeps reminders; usually the grain-state database.</summary>
public sealed class RelationalReminderOptions
{
    public RelationalStorageProvider Provider { get; set; } = RelationalStorageProvider.Sqlite;

    /// <summary>ADO.NET connection string; for SQLite e.g. <c>Data Source=data/speakerhub.db</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How long a SQLite connection waits for another process's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Rejects unusable <see cref="RelationalReminderOptions"/> when the silo starts.</summary>
public sealed class RelationalReminderOptionsValidator(RelationalReminderOptions options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (!Enum.IsDefined(options.Provider))
        {
            throw Invalid($"{nameof(RelationalReminderOptions.Provider)} '{options.Provider}' is not supported.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid($"{nameof(RelationalReminderOptions.ConnectionString)} is empty; set it to e.g. 'Data Source=data/speakerhub.db'.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(RelationalReminderOptions.BusyTimeout)} must be positive, was {options.BusyTimeout}.");
        }

        if (options.Provider == RelationalStorageProvider.Sqlite)
        {
            ValidateSqlite(options.ConnectionString);
        }
    }

    private static void ValidateSqlite(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw Invalid($"the SQLite connection string is malformed: {exception.Message}", exception);
        }

        // A reminder kept in memory is gone after a restart, which is exactly what this table exists to prevent.
        if (string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.DataSource == ":memory:"
            || builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly)
        {
            throw Invalid("the SQLite connection string must name a writable database file ('Data Source=path/to/file.db').");
        }
    }

    private static OrleansConfigurationException Invalid(string problem, Exception? inner = null)
    {
        var message = $"Reminder table ({nameof(RelationalReminderTable)}): {problem}";
        return inner is null ? new OrleansConfigurationException(message) : new OrleansConfigurationException(message, inner);
    }
}
