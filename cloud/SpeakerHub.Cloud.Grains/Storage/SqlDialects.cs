namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>
/// Picks the <see cref="ISqlDialect"/> for a store's configured engine: the one place every relational
/// store (grain state, reminders, the commerce ledger) goes through, so a new engine is added here.
/// </summary>
public static class SqlDialects
{
    public static ISqlDialect Create(RelationalStorageOptions options) =>
        Create(options.Provider, options.ConnectionString, options.BusyTimeout);

    public static ISqlDialect Create(RelationalStorageProvider provider, string connectionString, TimeSpan busyTimeout) => provider switch
    {
        RelationalStorageProvider.Sqlite => new SqliteDialect(connectionString, busyTimeout),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unsupported database provider."),
    };
}
