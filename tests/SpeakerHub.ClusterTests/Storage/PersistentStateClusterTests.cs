using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Grains.Storage;
using Xunit;

namespace SpeakerHub.ClusterTests.Storage;

/// <summary>Adds the "devices" store to each test silo, on the file the fixture passes in through configuration.</summary>
public sealed class DevicesStorageSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionStringKey = "SpeakerHubTests:DevicesConnectionString";

    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddSpeakerHubGrainStorage("devices", options =>
            options.ConnectionString = siloBuilder.Configuration[ConnectionStringKey] ?? string.Empty);
}

/// <summary>One single-silo cluster shared by the tests of a class, restartable on the same database file.</summary>
public sealed class StorageClusterFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporarySqliteDatabase database = new();
    private TestCluster? cluster;

    public TestCluster Cluster => cluster ?? throw new InvalidOperationException("The test cluster is not running.");

    public async Task InitializeAsync() => cluster = await StartClusterAsync(database.ConnectionString);

    /// <summary>Stops every silo and starts a brand-new cluster, as after a deployment or power cut.</summary>
    public async Task RestartClusterAsync()
    {
        await StopClusterAsync();
        cluster = await StartClusterAsync(database.ConnectionString);
    }

    public Task DisposeAsync() => StopClusterAsync();

    // xunit calls this after DisposeAsync, once the silos have let go of the file.
    public void Dispose() => database.Dispose();

    public static async Task<TestCluster> StartClusterAsync(string? devicesConnectionString)
    {
        var builder = new TestClusterBuilder(1);
        if (devicesConnectionString is not null)
        {
            builder.Properties[DevicesStorageSiloConfigurator.ConnectionStringKey] = devicesConnectionString;
        }

        builder.AddSiloBuilderConfigurator<DevicesStorageSiloConfigurator>();
        var started = builder.Build();
        try
        {
            await started.DeployAsync();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    private async Task StopClusterAsync()
    {
        if (cluster is null)
        {
            return;
        }

        var stopping = cluster;
        cluster = null;
        await stopping.StopAllSilosAsync();
        await stopping.DisposeAsync();
    }
}

public sealed class PersistentStateClusterTests(StorageClusterFixture fixture) : IClassFixture<StorageClusterFixture>
{
    [Fact]
    public async Task Persistent_state_survives_a_grain_deactivation()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IStorageProbeGrain>("speaker-deactivated");
        var saved = new ProbeSettings { RoomName = "living room", Volume = 5 };
        await grain.SaveAsync(saved);
        var firstActivation = await grain.GetActivationIdAsync();

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(saved, await grain.LoadAsync());
        Assert.NotEqual(firstActivation, await grain.GetActivationIdAsync());
    }

    [Fact]
    public async Task Persistent_state_survives_a_full_cluster_restart()
    {
        var saved = new ProbeSettings { RoomName = "garage", Volume = 9 };
        await fixture.Cluster.GrainFactory.GetGrain<IStorageProbeGrain>("speaker-restarted").SaveAsync(saved);

        await fixture.RestartClusterAsync();

        var afterRestart = fixture.Cluster.GrainFactory.GetGrain<IStorageProbeGrain>("speaker-restarted");
        Assert.Equal(saved, await afterRestart.LoadAsync());
    }

    [Fact]
    public async Task A_silo_whose_store_has_no_connection_string_refuses_to_start_naming_the_store()
    {
        var error = await Assert.ThrowsAsync<OrleansConfigurationException>(
            () => StorageClusterFixture.StartClusterAsync(devicesConnectionString: null));

        Assert.Contains("'devices'", error.Message);
    }
}
