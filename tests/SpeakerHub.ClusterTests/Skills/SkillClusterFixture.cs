using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Grains.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Skills;

/// <summary>
/// One in-process silo with devices, skills, dialog, timers and homes over memory storage and the
/// in-memory reminder service, shared by the skill, dialog, timer and home tests.
/// </summary>
public sealed class SkillClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The silo's catalog: the interaction model voice and text are matched against.</summary>
    public SkillCatalog Catalog => Cluster.Silos[0].ServiceProvider.GetRequiredService<SkillCatalog>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("devices")
            .AddMemoryGrainStorage(SkillStorage.Name)
            .UseInMemoryReminderService()
            .AddSpeakerHubDevices());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SkillClusterCollection : ICollectionFixture<SkillClusterFixture>
{
    public const string Name = "Skill cluster";
}
