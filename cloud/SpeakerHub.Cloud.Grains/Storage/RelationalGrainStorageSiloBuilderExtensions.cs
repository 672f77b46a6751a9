using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace SpeakerHub.Cloud.Grains.Storage;

public static class RelationalGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="RelationalGrainStorage"/> named <paramref name="name"/>, for grains declaring
    /// <c>[PersistentState("...", name)]</c>. The name "Default" also makes it the silo's default store.
    /// </summary>
    public static ISiloBuilder AddSpeakerHubGrainStorage(
        this ISiloBuilder builder, string name, Action<RelationalStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        services.AddOptions<RelationalStorageOptions>(name).Configure(configure);
        services.AddTransient<IConfigurationValidator>(provider => new RelationalStorageOptionsValidator(
            provider.GetRequiredService<IOptionsMonitor<RelationalStorageOptions>>().Get(name), name));

        // Orleans' helper registers the store as a keyed IGrainStorage and, since it is a lifecycle participant,
        // hooks it into silo start-up so the schema exists before the first grain activates.
        services.AddGrainStorage(name, CreateStorage);
        return builder;
    }

    private static RelationalGrainStorage CreateStorage(IServiceProvider services, string name) =>
        new(
            name,
            services.GetRequiredService<IOptionsMonitor<RelationalStorageOptions>>().Get(name),
            // Orleans' binary format: [GenerateSerializer] state with [Id] fields tolerates added and removed members.
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<RelationalGrainStorage>>());
}
