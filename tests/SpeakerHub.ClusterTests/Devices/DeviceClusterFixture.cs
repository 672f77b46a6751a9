using Orleans.Hosting;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Grains.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

/// <summary>One in-process silo with the device feature over memory storage, shared by the device tests.</summary>
public sealed class DeviceClusterFixture : IAsyncLifetime
{
    /// <summary>Small, so the cap is reachable in a test; production defaults to 100.</summary>
    public const int MaxPendingCommands = 8;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("devices")
            .AddMemoryGrainStorage(SkillStorage.Name)
            .AddSpeakerHubDevices(options => options.MaxPendingCommands = MaxPendingCommands));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DeviceClusterCollection : ICollectionFixture<DeviceClusterFixture>
{
    public const string Name = "Device cluster";
}
