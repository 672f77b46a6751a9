using System.Data.Common;

namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>
/// The few places where database engines disagree. Everything else in <see cref="GrainStateStatements"/>
/// is plain SQL that SQLite and PostgreSQL both accept, so a new engine only implements this.
/// </summary>
public interface ISqlDialect
{
    /// <summary>Column type for the serialized state (SQLite <c>BLOB</c>, PostgreSQL <c>BYTEA</c>).</summary>
    string BinaryColumnType { get; }

    /// <summary>
    /// Turns <c>INSERT INTO t (...) VALUES (...)</c> into one that inserts nothing, rather than failing,
    /// when the primary key is already taken; the caller learns of the clash from the affected-row count.
    /// </summary>
    string InsertUnlessKeyExists(string insertStatement);

    /// <summary>One-off preparation before the schema is created (e.g. creating the database file's directory).</summary>
    Task PrepareDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection configured for concurrent use by many grains.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until this process may write. Engines with a single writer per database queue writers here
    /// rather than in the engine; the result is disposed when the write is done.
    /// </summary>
    ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken);
}
