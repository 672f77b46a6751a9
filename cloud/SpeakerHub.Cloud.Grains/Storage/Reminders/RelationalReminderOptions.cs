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

        if (options.Provider == RelationalStorageProvider.Sqlite && SqliteDialect.ProblemWith(options.ConnectionString) is { } problem)
        {
            throw Invalid(problem);
        }
    }

    private static OrleansConfigurationException Invalid(string problem)
    {
        return new OrleansConfigurationException($"Reminder table ({nameof(RelationalReminderTable)}): {problem}");
    }
}
