namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>
/// The SQL behind <see cref="RelationalGrainStorage"/>. One row per (grain type, grain key, state name);
/// <c>version</c> is the ETag and only ever grows, and a cleared state keeps its row with a NULL payload
/// so an old ETag can never match again after the state is cleared and rewritten.
/// </summary>
public sealed class GrainStateStatements(ISqlDialect dialect)
{
    private const string Table = "grain_state";
    private const string KeyMatches = "grain_type = @GrainType AND grain_key = @GrainKey AND state_name = @StateName";

    public string CreateTable { get; } = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            grain_type  TEXT   NOT NULL,
            grain_key   TEXT   NOT NULL,
            state_name  TEXT   NOT NULL,
            version     BIGINT NOT NULL,
            payload     {dialect.BinaryColumnType} NULL,
            updated_utc TEXT   NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        )
        """;

    public string Read { get; } = $"SELECT version AS Version, payload AS Payload FROM {Table} WHERE {KeyMatches}";

    public string ReadVersion { get; } = $"SELECT version FROM {Table} WHERE {KeyMatches}";

    /// <summary>First write of a state; inserts nothing when a row (live or cleared) already exists.</summary>
    public string InsertFirstVersion { get; } = dialect.InsertUnlessKeyExists(
        $"INSERT INTO {Table} (grain_type, grain_key, state_name, version, payload, updated_utc) " +
        "VALUES (@GrainType, @GrainKey, @StateName, 1, @Payload, @UpdatedUtc)");

    /// <summary>Writes (or, with a NULL payload, clears) a state only if nobody else wrote since <c>@ExpectedVersion</c>.</summary>
    public string ReplaceIfVersionMatches { get; } =
        $"UPDATE {Table} SET version = version + 1, payload = @Payload, updated_utc = @UpdatedUtc " +
        $"WHERE {KeyMatches} AND version = @ExpectedVersion";
}
