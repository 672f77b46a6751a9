using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace SpeakerHub.Cloud.Grains.Storage.Reminders;

public static class RelationalReminderSiloBuilderExtensions
{
    /// <summary>
    /// Turns on Orleans reminders stored in a <see cref="RelationalReminderTable"/>, so a reminder registered
    /// by a grain survives silo and cluster restarts. Rows are scoped by the cluster's service id.
    /// </summary>
    public static ISiloBuilder UseSpeakerHubReminders(this ISiloBuilder builder, Action<RelationalReminderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);

        builder.AddReminders();
        var services = builder.Services;
        services.AddOptions<RelationalReminderOptions>().Configure(configure);
        services.AddTransient<IConfigurationValidator>(provider =>
            new RelationalReminderOptionsValidator(provider.GetRequiredService<IOptions<RelationalReminderOptions>>().Value));
        services.AddSingleton(provider => new RelationalReminderTable(
            provider.GetRequiredService<IOptions<RelationalReminderOptions>>().Value,
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            provider.GetRequiredService<ILogger<RelationalReminderTable>>()));
        services.AddSingleton<IReminderTable>(provider => provider.GetRequiredService<RelationalReminderTable>());
        return builder;
    }
}
