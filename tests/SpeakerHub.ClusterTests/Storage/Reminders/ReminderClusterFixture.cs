using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Grains.Storage.Reminders;
using Xunit;

namespace SpeakerHub.ClusterTests.Storage.Reminders;

/// <summary>Stores each test silo's reminders in the SQLite file the fixture passes in through configuration.</summary>
public sealed class RelationalRemindersSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionStringKey = "SpeakerHubTests:RemindersConnectionString";

    /// <summary>
    /// Orleans refuses periods under a minute by default; tests tick every second so they finish in seconds.
    /// </summary>
    public static readonly TimeSpan TestReminderPeriod = TimeSpan.FromSeconds(1);

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseSpeakerHubReminders(options =>
            options.ConnectionString = siloBuilder.Configuration[ConnectionStringKey] ?? string.Empty);
        siloBuilder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TestReminderPeriod);
    }
}

/// <summary>
/// A single-silo cluster whose reminders live in a temporary SQLite file. The service id stays the same across
/// <see cref="RestartClusterAsync"/>, as it does when a real deployment restarts.
/// </summary>
public sealed class ReminderClusterFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporarySqliteDatabase database = new();
    private TestCluster? cluster;

    public string ServiceId { get; } = "reminder-tests-" + Guid.NewGuid().ToString("N");

    public string ConnectionString => database.ConnectionString;

    public TestCluster Cluster => cluster ?? throw new InvalidOperationException("The test cluster is not running.");

    public async Task InitializeAsync() => cluster = await StartClusterAsync();

    /// <summary>Stops every silo and starts a brand-new cluster on the same file, as after a deployment or power cut.</summary>
    public async Task RestartClusterAsync()
    {
        await StopClusterAsync();
        cluster = await StartClusterAsync();
    }

    public Task DisposeAsync() => StopClusterAsync();

    // xunit calls this after DisposeAsync, once the silos have let go of the file.
    public void Dispose() => database.Dispose();

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.Properties[RelationalRemindersSiloConfigurator.ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<RelationalRemindersSiloConfigurator>();
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
