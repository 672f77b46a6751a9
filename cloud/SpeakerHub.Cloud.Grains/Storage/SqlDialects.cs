namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>Picks the <see cref="ISqlDialect"/> for a store's configured engine.</summary>
public static class SqlDialects
{
    public static ISqlDialect Create(RelationalStorageOptions options) => options.Provider switch
    {
        RelationalStorageProvider.Sqlite => new SqliteDialect(options.ConnectionString, options.BusyTimeout),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unsupported database provider."),
    };
}
