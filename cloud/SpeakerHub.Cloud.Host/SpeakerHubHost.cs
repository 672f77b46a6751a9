using SpeakerHub.Cloud.Api;
using SpeakerHub.Cloud.Gateway;
using SpeakerHub.Cloud.Host.Silo;
using SpeakerHub.Cloud.Host.Storage;

namespace SpeakerHub.Cloud.Host;

/// <summary>
/// The whole cloud node in one process: Orleans silo, MQTT gateway and HTTP API. Program.cs runs it;
/// end-to-end tests start it in-process with their own settings (free ports, a temporary data directory).
/// </summary>
public static class SpeakerHubHost
{
    /// <param name="args">Command-line arguments, e.g. <c>--Mqtt:Port 1884</c>.</param>
    /// <param name="settings">Configuration that overrides every other source (tests use it).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        // appsettings.json is found next to the binaries whatever the working directory is.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var storage = builder.AddSpeakerHubStorage();
        builder.AddSpeakerHubSilo(storage);
        // After the silo: devices are let in once grains answer, and let go while they still do.
        builder.AddMqttGateway();
        builder.AddSpeakerHubApi(api =>
        {
            api.AdminKeyFile ??= storage.AdminKeyPath;
            api.OperatorKeyFile ??= storage.OperatorKeyPath;
        });
        builder.ListenOnApiUrls();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapSpeakerHubApi();
        app.LogStartupBanner();
        return app;
    }

    /// <summary><c>Api:Urls</c> unless the standard <c>--urls</c> / <c>ASPNETCORE_URLS</c> are given.</summary>
    private static void ListenOnApiUrls(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            var api = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
            builder.WebHost.UseUrls(api.Urls);
        }
    }
}
