using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace SpeakerHub.Cloud.Grains.Storage;

/// <summary>
/// Grain state in one relational table with optimistic concurrency: the ETag is a per-row version
/// number, and every write or clear succeeds only if the caller's ETag still matches the stored one.
/// </summary>
public sealed class RelationalGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string storeName;
    private readonly RelationalStorageOptions options;
    private readonly ISqlDialect dialect;
    private readonly GrainStateStatements statements;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider activatorProvider;
    private readonly ILogger<RelationalGrainStorage> logger;
    private readonly RelationalSchema schema;

    public RelationalGrainStorage(
        string storeName,
        RelationalStorageOptions options,
        IGrainStorageSerializer serializer,
        IActivatorProvider activatorProvider,
        ILogger<RelationalGrainStorage> logger)
    {
        new RelationalStorageOptionsValidator(options, storeName).ValidateConfiguration();
        this.storeName = storeName;
        this.options = options;
        this.serializer = serializer;
        this.activatorProvider = activatorProvider;
        this.logger = logger;
        dialect = SqlDialects.Create(options);
        statements = new GrainStateStatements(dialect);
        schema = new RelationalSchema(dialect, $"Grain storage '{storeName}' ({options.Provider})", statements.CreateTable);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(RelationalGrainStorage)}-{storeName}", options.InitStage, EnsureSchemaAsync);

    /// <summary>
    /// Creates the table if it is missing. Runs at silo start through the lifecycle, and again lazily on first
    /// use for instances built outside a silo; later calls return at once.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (await schema.EnsureAsync(cancellationToken))
        {
            logger.LogInformation("Grain storage {StoreName} is ready ({Provider})", storeName, options.Provider);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<StoredState>(new CommandDefinition(
            statements.Read, StatementArguments.For(stateName, grainId), cancellationToken: cancellationToken));

        grainState.ETag = stored is null ? null : FormatEtag(stored.Version);
        grainState.RecordExists = stored?.Payload is not null;
        grainState.State = stored?.Payload is { } payload
            ? serializer.Deserialize<T>(BinaryData.FromBytes(payload))
            : CreateDefaultState<T>();
    }

    public async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var version = await StoreAsync(stateName, grainId, grainState.ETag, payload, cancellationToken);
        grainState.ETag = FormatEtag(version);
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Clearing keeps the row with no payload and a new version instead of deleting it, so the ETag keeps
    /// growing and a writer holding a pre-clear ETag is still rejected after the state is written again.
    /// </summary>
    public async Task ClearStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var version = await StoreAsync(stateName, grainId, grainState.ETag, payload: null, cancellationToken);
        grainState.ETag = FormatEtag(version);
        grainState.RecordExists = false;
        grainState.State = CreateDefaultState<T>();
    }

    public void Dispose() => schema.Dispose();

    /// <summary>Stores <paramref name="payload"/> if the row is still at <paramref name="etag"/>; returns the new version.</summary>
    private async Task<long> StoreAsync(
        string stateName, GrainId grainId, string? etag, byte[]? payload, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        using var writeTurn = await dialect.EnterWriteAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var arguments = StatementArguments.For(stateName, grainId) with
        {
            Payload = payload,
            UpdatedUtc = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };

        if (etag is null)
        {
            var inserted = await connection.ExecuteAsync(
                new CommandDefinition(statements.InsertFirstVersion, arguments, cancellationToken: cancellationToken));
            if (inserted == 1)
            {
                return 1;
            }
        }
        else if (TryParseEtag(etag, out var expectedVersion))
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                statements.ReplaceIfVersionMatches,
                arguments with { ExpectedVersion = expectedVersion },
                cancellationToken: cancellationToken));
            if (updated == 1)
            {
                return expectedVersion + 1;
            }
        }

        var storedVersion = await connection.ExecuteScalarAsync<long?>(
            new CommandDefinition(statements.ReadVersion, arguments, cancellationToken: cancellationToken));
        var storedEtag = storedVersion is { } version ? FormatEtag(version) : null;
        throw new InconsistentStateException(
            $"Grain storage '{storeName}': state '{stateName}' of grain {grainId} was changed by someone else " +
            $"(this activation holds ETag '{etag ?? "none"}', storage holds '{storedEtag ?? "none"}').",
            storedEtag,
            etag);
    }

    private T CreateDefaultState<T>() => activatorProvider.GetActivator<T>().Create();

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseEtag(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    /// <summary>Named parameters for <see cref="GrainStateStatements"/>; Dapper sends only those a statement uses.</summary>
    private sealed record StatementArguments(string GrainType, string GrainKey, string StateName)
    {
        public byte[]? Payload { get; init; }

        public string UpdatedUtc { get; init; } = string.Empty;

        public long ExpectedVersion { get; init; }

        public static StatementArguments For(string stateName, GrainId grainId) =>
            new(grainId.Type.ToString(), grainId.Key.ToString(), stateName);
    }

    private sealed class StoredState
    {
        public long Version { get; set; }

        public byte[]? Payload { get; set; }
    }
}
