using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Devices;
using SpeakerHub.Cloud.Grains.Home;
using SpeakerHub.Cloud.Grains.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Home;

/// <summary>Two silos: a name registered through one is heard by the other after its next poll.</summary>
public sealed class MultiSiloVocabularyTests : IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    // Generous for a loaded machine; the loop ends as soon as every silo has the word.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("devices")
            .AddMemoryGrainStorage(SkillStorage.Name)
            .UseInMemoryReminderService()
            .AddSpeakerHubDevices());
        builder.ConfigureSiloHost((_, host) =>
            host.Services.Configure<SkillOptions>(options => options.VocabularyRefreshInterval = Poll));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Every_silo_hears_a_name_registered_through_any_of_them()
    {
        await cluster.Client.GetHome("owner-of-the-hot-tub").Register(new ApplianceRegistration("hot tub", "garden", ApplianceKind.Switch));

        using var patience = new CancellationTokenSource(Patience);
        foreach (var silo in cluster.Silos)
        {
            var catalog = silo.ServiceProvider.GetRequiredService<SkillCatalog>();
            while (!catalog.Current.Matcher.Match("turn on the garden hot tub").Slots.Values.Contains("hot tub"))
            {
                await Task.Delay(Poll, patience.Token);
            }

            Assert.Equal(2, catalog.Current.Version);
        }

        Assert.All(cluster.Silos, silo => Assert.Equal(1, silo.ServiceProvider.GetRequiredService<HomeVocabularyCache>().Version));
    }
}
