using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Grains.Accounts;
using SpeakerHub.Cloud.Grains.Commerce;
using SpeakerHub.Cloud.Grains.Devices;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.History;
using SpeakerHub.Cloud.Grains.Home;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Grains.Storage;
using SpeakerHub.Cloud.Grains.Storage.Reminders;
using SpeakerHub.Cloud.Grains.Timers;
using SpeakerHub.Cloud.Grains.Voice;
using SpeakerHub.Cloud.Host.Storage;
using SpeakerHub.Cloud.Speech.Recognition;
using SpeakerHub.Cloud.Speech.Synthesis;

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
            silo.AddSpeakerHubGrainStorage(SkillStorage.Name, store => store.ConnectionString = connectionString);
            silo.UseSpeakerHubReminders(reminders => reminders.ConnectionString = connectionString);
            silo.AddSpeakerHubDevices();
            silo.AddSpeakerHubAccounts();
            silo.AddSpeakerHubHistory();
            silo.AddSpeakerHubCommerce(ledger => ledger.ConnectionString = connectionString);
        });

        Bind<DeviceOptions>(builder, DeviceOptions.SectionName);
        Bind<SkillOptions>(builder, SkillOptions.SectionName);
        Bind<DialogOptions>(builder, DialogOptions.SectionName);
        Bind<TimerOptions>(builder, TimerOptions.SectionName);
        Bind<HomeOptions>(builder, HomeOptions.SectionName);
        Bind<AccountOptions>(builder, AccountOptions.SectionName);
        Bind<HistoryOptions>(builder, HistoryOptions.SectionName);
        Bind<CommerceOptions>(builder, CommerceOptions.SectionName);
        Bind<VoiceOptions>(builder, VoiceOptions.SectionName);
        Bind<SpeechRecognitionOptions>(builder, SpeechRecognitionOptions.SectionName);
        Bind<SynthesisOptions>(builder, SynthesisOptions.SectionName);
        Bind<SpeakerHub.Cloud.Grains.Fleet.FleetOptions>(builder, SpeakerHub.Cloud.Grains.Fleet.FleetOptions.SectionName);
        return builder;
    }

    private static void Bind<TOptions>(IHostApplicationBuilder builder, string section)
        where TOptions : class =>
        builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(section));
}
