using System.Data.Common;
using Dapper;
using Orleans.Runtime;

namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>
/// Creates a store's tables once per instance: at silo start through the lifecycle, or lazily on first
/// use for instances built outside a silo. Statements are idempotent (<c>CREATE ... IF NOT EXISTS</c>)
/// and run under the dialect's write gate, so two stores preparing one SQLite file do not collide.
/// </summary>
public sealed class RelationalSchema(ISqlDialect dialect, string description, params string[] createStatements) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool ready;

    /// <summary>
    /// True only for the call that prepared the tables; later calls return false at once. A failure
    /// names the store and the cause.
    /// </summary>
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (ready)
        {
            return false;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (ready)
            {
                return false;
            }

            await dialect.PrepareDatabaseAsync(cancellationToken);
            using var writeTurn = await dialect.EnterWriteAsync(cancellationToken);
            await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
            foreach (var statement in createStatements)
            {
                await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: cancellationToken));
            }

            ready = true;
            return true;
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException)
        {
            throw new OrleansConfigurationException($"{description} could not prepare its database: {exception.Message}", exception);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
