using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Commerce;

public static class CommerceSiloBuilderExtensions
{
    /// <summary>
    /// Adds wallets (<see cref="WalletGrain"/>, settings in the "devices" grain storage) over the ledger
    /// in <paramref name="database"/>'s relational database, whose tables are created when the silo
    /// starts. The host binds <see cref="CommerceOptions"/> to the <c>Commerce</c> section.
    /// </summary>
    public static ISiloBuilder AddSpeakerHubCommerce(
        this ISiloBuilder builder, Action<RelationalStorageOptions> database, Action<CommerceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var databaseOptions = new RelationalStorageOptions();
        database(databaseOptions);
        new RelationalStorageOptionsValidator(databaseOptions, "commerce ledger").ValidateConfiguration();

        services.AddOptions<CommerceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommerceOptions>, CommerceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new Ledger(
            SqlDialects.Create(databaseOptions), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<Ledger>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LedgerStartup>();
        return builder;
    }

    private sealed class CommerceOptionsValidator : IValidateOptions<CommerceOptions>
    {
        public ValidateOptionsResult Validate(string? name, CommerceOptions options)
        {
            var problems = options.Problems().Select(problem => $"{CommerceOptions.SectionName}: {problem}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    /// <summary>Creates the ledger's tables before grains run, so a database problem stops the silo at start.</summary>
    private sealed class LedgerStartup(Ledger ledger) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(LedgerStartup), ServiceLifecycleStage.ApplicationServices, ledger.EnsureSchemaAsync);
    }
}
