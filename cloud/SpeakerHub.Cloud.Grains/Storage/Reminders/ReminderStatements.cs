namespace SpeakerHub.Cloud.Grains.Storage.Reminders;

/// <summary>
/// The SQL behind <see cref="RelationalReminderTable"/>: one row per (service, grain, reminder name). The grain
/// hash is stored so a silo can load the reminders of its slice of the ring through an index instead of
/// hashing every row; it is a <c>BIGINT</c> because the hash is an unsigned 32-bit number.
/// </summary>
/// <remarks>
/// Everything here is SQL that SQLite (3.24+) and PostgreSQL (9.5+) both accept, including the upsert, so
/// reminders need nothing from <see cref="ISqlDialect"/> beyond connections and the write gate.
/// </remarks>
public static class ReminderStatements
{
    private const string Table = "grain_reminders";
    private const string RowMatches = "service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName";
    private const string SelectEntries =
        "SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_utc AS StartUtc, " +
        $"period_ticks AS PeriodTicks, etag AS ETag FROM {Table} ";

    public const string CreateTable = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            service_id    TEXT   NOT NULL,
            grain_id      TEXT   NOT NULL,
            reminder_name TEXT   NOT NULL,
            start_utc     TEXT   NOT NULL,
            period_ticks  BIGINT NOT NULL,
            grain_hash    BIGINT NOT NULL,
            etag          TEXT   NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        )
        """;

    public const string CreateHashIndex =
        $"CREATE INDEX IF NOT EXISTS {Table}_by_hash ON {Table} (service_id, grain_hash)";

    public const string ReadRow = SelectEntries + "WHERE " + RowMatches;

    public const string ReadRowsOfGrain = SelectEntries + "WHERE service_id = @ServiceId AND grain_id = @GrainId";

    /// <summary>Hashes in (begin, end] when begin &lt; end.</summary>
    public const string ReadRowsInsideRange =
        SelectEntries + "WHERE service_id = @ServiceId AND grain_hash > @Begin AND grain_hash <= @End";

    /// <summary>The ring wraps past the largest hash: (begin, max] plus [0, end]; begin = end means the whole ring.</summary>
    public const string ReadRowsAcrossWrap =
        SelectEntries + "WHERE service_id = @ServiceId AND (grain_hash > @Begin OR grain_hash <= @End)";

    /// <summary>Orleans re-registers a reminder by upserting it unconditionally; every write gets a fresh ETag.</summary>
    public const string Upsert =
        $"INSERT INTO {Table} (service_id, grain_id, reminder_name, start_utc, period_ticks, grain_hash, etag) " +
        "VALUES (@ServiceId, @GrainId, @ReminderName, @StartUtc, @PeriodTicks, @GrainHash, @ETag) " +
        "ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET " +
        "start_utc = excluded.start_utc, period_ticks = excluded.period_ticks, " +
        "grain_hash = excluded.grain_hash, etag = excluded.etag";

    public const string RemoveIfETagMatches = $"DELETE FROM {Table} WHERE {RowMatches} AND etag = @ETag";

    public const string RemoveAllOfService = $"DELETE FROM {Table} WHERE service_id = @ServiceId";
}
