using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Api.Admin;
using SpeakerHub.Cloud.Api.Fleet;
using SpeakerHub.Cloud.Gateway;
using SpeakerHub.Cloud.Host.Storage;

namespace SpeakerHub.Cloud.Host;

public static class StartupBanner
{
    /// <summary>Once everything listens, logs where: HTTP, MQTT, data directory and where the admin and fleet operator keys come from.</summary>
    public static WebApplication LogStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var services = app.Services;
            var httpUrls = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SpeakerHub");
            logger.LogInformation(
                "SpeakerHub is up: HTTP {HttpUrls}, MQTT {MqttEndpoint}, data in {DataDirectory}",
                string.Join(", ", httpUrls),
                services.GetRequiredService<IMqttGateway>().Endpoint,
                services.GetRequiredService<IOptions<StorageOptions>>().Value.FullDataDirectory);
            logger.LogInformation(
                "Admin API key from {AdminKeySource}; send it as 'Authorization: Bearer <key>'",
                services.GetRequiredService<AdminKey>().Source);
            logger.LogInformation(
                "Fleet operator API key (/api/fleet) from {OperatorKeySource}; send it as 'Authorization: Bearer <key>'",
                services.GetRequiredService<OperatorKey>().Source);
        });
        return app;
    }
}
