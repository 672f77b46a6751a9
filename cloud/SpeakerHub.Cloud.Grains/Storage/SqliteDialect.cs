using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>SQLite specifics: a database file on local disk, shared by all grains of the silo.</summary>
public sealed class SqliteDialect(string connectionString, TimeSpan busyTimeout) : ISqlDialect
{
    // One gate per database file, shared by every store of the process that writes to it.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim writeGate = WriteGates.GetOrAdd(
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource), _ => new SemaphoreSlim(1, 1));

    public string BinaryColumnType => "BLOB";

    // Supported since SQLite 3.24; the bundled e_sqlite3 is far newer.
    public string InsertUnlessKeyExists(string insertStatement) => insertStatement + " ON CONFLICT DO NOTHING";

    public async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        var databaseFile = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var directory = Path.GetDirectoryName(databaseFile);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // WAL lets readers proceed while one grain writes; the mode is stored in the file, so setting it once suffices.
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var mode = await connection.ExecuteScalarAsync<string>(
            new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"SQLite refused write-ahead logging for '{databaseFile}' (journal mode is '{mode}'); " +
                "the file system may not support shared memory.");
        }
    }

    /// <summary>
    /// SQLite lets one connection write at a time; a second writer gets SQLITE_BUSY and its busy handler
    /// sleeps 1, 2, 5 … 100 ms between retries instead of waking when the lock frees. Measured with 20
    /// speakers talking, those sleeps made most of the p95/p99 tail (docs/benchmarks.md). Queuing writers
    /// of this process here wakes the next one as soon as the previous commits; busy_timeout still
    /// covers other processes on the same file.
    /// </summary>
    public async ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        return new WriteTurn(writeGate);
    }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // busy_timeout belongs to the connection, not the file; setting it on every open is one cheap statement.
            var milliseconds = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await connection.ExecuteAsync(
                new CommandDefinition($"PRAGMA busy_timeout = {milliseconds};", cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class WriteTurn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    /// <summary>
    /// Why <paramref name="connectionString"/> cannot hold durable state, or null when it can: it must
    /// parse and name a writable file, because each pooled connection to an in-memory database sees its
    /// own empty database and state would vanish.
    /// </summary>
    public static string? ProblemWith(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            return $"the SQLite connection string is malformed: {exception.Message}";
        }

        return string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.DataSource == ":memory:"
            || builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly
            ? "the SQLite connection string must name a writable database file ('Data Source=path/to/file.db')."
            : null;
    }
}
