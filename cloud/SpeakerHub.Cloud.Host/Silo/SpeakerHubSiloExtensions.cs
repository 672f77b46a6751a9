using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Grains.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Grains.Storage;
using SpeakerHub.Cloud.Grains.Storage.Reminders;
using SpeakerHub.Cloud.Host.Storage;

namespace SpeakerHub.Cloud.Host.Silo;

public static class SpeakerHubSiloExtensions
{
    /// <summary>Grain storage the device grains declare (<c>[PersistentState(..., "devices")]</c>).</summary>
    public const string DeviceStore = "devices";

    /// <summary>
    /// Adds the Orleans silo: localhost clustering on <c>Orleans:SiloPort</c>/<c>Orleans:GatewayPort</c>,
    /// grain state and reminders in <paramref name="storage"/>'s database, and the grains with their options
    /// (<c>Devices</c>, <c>Skills</c> sections).
    /// </summary>
    public static IHostApplicationBuilder AddSpeakerHubSilo(this IHostApplicationBuilder builder, StorageOptions storage)
    {
        var ports = OrleansHostOptions.Read(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(ports));
        var connectionString = new SqliteConnectionStringBuilder { DataSource = storage.DatabasePath }.ToString();

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ports.SiloPort, ports.GatewayPort);
            silo.AddSpeakerHubGrainStorage(DeviceStore, store => store.ConnectionString = connectionString);
            silo.UseSpeakerHubReminders(reminders => reminders.ConnectionString = connectionString);
            silo.AddSpeakerHubDevices();
        });

        builder.Services.AddOptions<DeviceOptions>().Bind(builder.Configuration.GetSection(DeviceOptions.SectionName));
        builder.Services.AddOptions<SkillOptions>().Bind(builder.Configuration.GetSection(SkillOptions.SectionName));
        return builder;
    }
}
