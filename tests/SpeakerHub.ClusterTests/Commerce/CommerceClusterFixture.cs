using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Grains.Accounts;
using SpeakerHub.Cloud.Grains.Commerce;
using SpeakerHub.Cloud.Grains.Storage;
using SpeakerHub.ClusterTests.Storage;
using Xunit;

namespace SpeakerHub.ClusterTests.Commerce;

/// <summary>
/// One silo with owners and wallets over the production SQLite grain storage and ledger. Limits are
/// small and the PIN lock short, so every rule is reachable in a test.
/// </summary>
public sealed class CommerceClusterFixture : IAsyncLifetime, IDisposable
{
    public const long PaymentLimit = 50_00;
    public const long DailyLimit = 120_00;
    public const int PinAttempts = 3;
    public static readonly TimeSpan PinLockout = TimeSpan.FromSeconds(1);

    private readonly TemporarySqliteDatabase database = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string DatabaseFile => database.FilePath;

    public Ledger Ledger => Cluster.Silos[0].ServiceProvider.GetRequiredService<Ledger>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var connectionString = database.ConnectionString;
        builder.ConfigureSilo((_, silo) => silo
            .AddSpeakerHubGrainStorage("devices", store => store.ConnectionString = connectionString)
            .AddSpeakerHubAccounts()
            .AddSpeakerHubCommerce(
                ledger => ledger.ConnectionString = connectionString,
                options =>
                {
                    options.DefaultPaymentLimit = PaymentLimit;
                    options.DefaultDailyLimit = DailyLimit;
                    options.PinAttempts = PinAttempts;
                    options.PinLockout = PinLockout;
                    options.PinHashIterations = 1_000;
                }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A new owner with <paramref name="balance"/> topped up and PIN 4321 set.</summary>
    public async Task<string> OwnerWithWalletAsync(long balance, string pin = "4321")
    {
        var ownerId = OwnerApiKey.NewOwnerId();
        await Client.GetOwner(ownerId).Create("Wallet test");
        var wallet = Client.GetGrain<Cloud.Abstractions.Commerce.IWalletGrain>(ownerId);
        if (balance > 0)
        {
            await wallet.TopUp("opening", balance);
        }

        await wallet.SetPin(pin, null);
        return ownerId;
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public void Dispose() => database.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CommerceClusterCollection : ICollectionFixture<CommerceClusterFixture>
{
    public const string Name = "Commerce cluster";
}
