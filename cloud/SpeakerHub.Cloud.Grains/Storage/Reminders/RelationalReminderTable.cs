using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace SpeakerHub.Cloud.Grains.Storage.Reminders;

/// <summary>
/// Orleans reminders in one relational table, so they outlive the silo that registered them. Rows are scoped
/// by service id: clusters of different services may share a database without seeing each other's reminders.
/// </summary>
public sealed class RelationalReminderTable : IReminderTable, IDisposable
{
    private readonly RelationalReminderOptions options;
    private readonly string serviceId;
    private readonly ISqlDialect dialect;
    private readonly ILogger<RelationalReminderTable> logger;
    private readonly RelationalSchema schema;

    public RelationalReminderTable(RelationalReminderOptions options, string serviceId, ILogger<RelationalReminderTable> logger)
    {
        new RelationalReminderOptionsValidator(options).ValidateConfiguration();
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        this.options = options;
        this.serviceId = serviceId;
        this.logger = logger;
        dialect = SqlDialects.Create(options.Provider, options.ConnectionString, options.BusyTimeout);
        schema = new RelationalSchema(
            dialect, $"Reminder table ({options.Provider})", ReminderStatements.CreateTable, ReminderStatements.CreateHashIndex);
    }

    /// <summary>Called by the silo's reminder service before it reads or writes any reminder.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => EnsureSchemaAsync(cancellationToken);

    public Task Init() => EnsureSchemaAsync(CancellationToken.None);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Creates the table and its hash index if missing. Runs at silo start, and lazily on first use for
    /// instances built outside a silo; later calls return at once.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (await schema.EnsureAsync(cancellationToken))
        {
            logger.LogInformation("Reminder table is ready ({Provider}, service {ServiceId})", options.Provider, serviceId);
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(ReminderStatements.ReadRowsOfGrain, new { ServiceId = serviceId, GrainId = grainId.ToString() }, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Reminders whose grain hash lies in (begin, end] on the ring; begin &gt;= end wraps past the top.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        QueryAsync(
            begin < end ? ReminderStatements.ReadRowsInsideRange : ReminderStatements.ReadRowsAcrossWrap,
            new { ServiceId = serviceId, Begin = (long)begin, End = (long)end },
            cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>The reminder, or <see langword="null"/> when the grain has none by that name.</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<StoredReminder>(new CommandDefinition(
            ReminderStatements.ReadRow, RowKey(grainId, reminderName), cancellationToken: cancellationToken));
        return stored?.ToEntry();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Stores the reminder and returns its new ETag; database errors throw rather than return null.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // A random ETag rather than a row version: a version would restart after remove and re-register,
        // letting a holder of the old reminder's ETag remove the new one.
        var etag = Guid.NewGuid().ToString("N");
        var row = new
        {
            ServiceId = serviceId,
            GrainId = entry.GrainId.ToString(),
            entry.ReminderName,
            StartUtc = FormatUtc(entry.StartAt),
            PeriodTicks = entry.Period.Ticks,
            GrainHash = (long)entry.GrainId.GetUniformHashCode(),
            ETag = etag,
        };
        await WriteAsync(ReminderStatements.Upsert, row, cancellationToken);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the reminder only if it is still the version <paramref name="eTag"/> names.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var removed = await WriteAsync(
            ReminderStatements.RemoveIfETagMatches, RowKey(grainId, reminderName) with { ETag = eTag }, cancellationToken);
        return removed == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Removes this service's reminders only; other services sharing the database keep theirs.</summary>
    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        WriteAsync(ReminderStatements.RemoveAllOfService, new { ServiceId = serviceId }, cancellationToken);

    public void Dispose() => schema.Dispose();

    private async Task<ReminderTableData> QueryAsync(string statement, object arguments, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var stored = await connection.QueryAsync<StoredReminder>(
            new CommandDefinition(statement, arguments, cancellationToken: cancellationToken));
        return new ReminderTableData(stored.Select(row => row.ToEntry()));
    }

    private async Task<int> WriteAsync(string statement, object arguments, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        using var writeTurn = await dialect.EnterWriteAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(statement, arguments, cancellationToken: cancellationToken));
    }

    private RowKeyArguments RowKey(GrainId grainId, string reminderName) => new(serviceId, grainId.ToString(), reminderName);

    // ISO 8601 with a Z keeps every tick, reads unambiguously in any engine, and sorts as text.
    private static string FormatUtc(DateTime time) =>
        (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc))
            .ToString("O", CultureInfo.InvariantCulture);

    private sealed record RowKeyArguments(string ServiceId, string GrainId, string ReminderName)
    {
        public string ETag { get; init; } = string.Empty;
    }

    private sealed class StoredReminder
    {
        public string GrainId { get; set; } = string.Empty;

        public string ReminderName { get; set; } = string.Empty;

        public string StartUtc { get; set; } = string.Empty;

        public long PeriodTicks { get; set; }

        public string ETag { get; set; } = string.Empty;

        public ReminderEntry ToEntry() => new()
        {
            GrainId = Orleans.Runtime.GrainId.Parse(GrainId),
            ReminderName = ReminderName,
            StartAt = DateTime.Parse(StartUtc, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Period = TimeSpan.FromTicks(PeriodTicks),
            ETag = ETag,
        };
    }
}
