using Dapper;
using Microsoft.Data.Sqlite;
using Orleans.Hosting;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Grains.Accounts;
using SpeakerHub.Cloud.Grains.History;
using SpeakerHub.Cloud.Grains.Storage;
using SpeakerHub.ClusterTests.Storage;
using Xunit;

namespace SpeakerHub.ClusterTests.Accounts;

/// <summary>
/// One silo with owner accounts and interaction history over the production SQLite grain storage, so
/// a test can look at what really reached the disk (key hashes, audio rows).
/// </summary>
public sealed class OwnerDataClusterFixture : IAsyncLifetime, IDisposable
{
    /// <summary>Small limits, so every cap is reachable in a test.</summary>
    public const int MaxApiKeysPerOwner = 3;
    public const int MaxInteractions = 5;
    public const int MaxAudioClips = 2;
    public const int MaxAudioSeconds = 1;

    private readonly TemporarySqliteDatabase database = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddSpeakerHubGrainStorage("devices", store => store.ConnectionString = database.ConnectionString)
            .AddSpeakerHubAccounts(options => options.MaxApiKeysPerOwner = MaxApiKeysPerOwner)
            .AddSpeakerHubHistory(options =>
            {
                options.MaxInteractions = MaxInteractions;
                options.MaxAudioClips = MaxAudioClips;
                options.MaxAudioSeconds = MaxAudioSeconds;
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The stored payloads (cleared states excluded) of one state name for grain keys starting with <paramref name="keyPrefix"/>.</summary>
    public async Task<IReadOnlyList<byte[]>> StoredPayloadsAsync(string stateName, string keyPrefix)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        var payloads = await connection.QueryAsync<byte[]>(
            "SELECT payload FROM grain_state WHERE state_name = @stateName AND substr(grain_key, 1, length(@keyPrefix)) = @keyPrefix AND payload IS NOT NULL",
            new { stateName, keyPrefix });
        return payloads.ToList();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public void Dispose() => database.Dispose();
}

[CollectionDefinition(Name)]
public sealed class OwnerDataClusterCollection : ICollectionFixture<OwnerDataClusterFixture>
{
    public const string Name = "Owner data cluster";
}
