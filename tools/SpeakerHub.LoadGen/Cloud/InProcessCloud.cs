using Microsoft.AspNetCore.Builder;
using SpeakerHub.Cloud.Host;
using SpeakerHub.Cloud.Host.Loopback;
using SpeakerHub.Cloud.Host.Storage;

namespace SpeakerHub.LoadGen.Cloud;

/// <summary>
/// The real cloud host (silo, MQTT gateway, HTTP API) started in this process on free loopback ports,
/// with its data in a temporary folder that is removed afterwards. It shares the CPUs with the load
/// generator and the simulated devices, which the figures must say.
/// </summary>
public sealed class InProcessCloud : IAsyncDisposable
{
    private readonly WebApplication _host;
    private readonly string _root;

    private InProcessCloud(WebApplication host, string root, Uri api, int mqttPort, string adminKey, string operatorKey)
    {
        _host = host;
        _root = root;
        Api = api;
        MqttPort = mqttPort;
        AdminKey = adminKey;
        OperatorKey = operatorKey;
    }

    public Uri Api { get; }

    public static string MqttHost => LoopbackNode.Address;

    public int MqttPort { get; }

    public string AdminKey { get; }

    /// <summary>The fleet operator's key (<c>/api/fleet</c>), which the host also generated at start.</summary>
    public string OperatorKey { get; }

    /// <summary>Device credentials and flash files live next to the cloud's data and go with it.</summary>
    public string DeviceFolder => Path.Combine(_root, "devices");

    /// <param name="extraSettings">Host configuration a mode needs on top of the defaults, e.g. a log level of its own.</param>
    public static async Task<InProcessCloud> StartAsync(
        bool verbose, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "speakerhub-loadgen-" + Guid.NewGuid().ToString("N"));
        string dataDirectory = Path.Combine(root, "cloud");
        LoopbackNode node = new();
        string logLevel = verbose ? "Information" : "Warning";
        Dictionary<string, string?> settings = node.Settings(dataDirectory);

        // The host's own start-up lines would break up the progress line; warnings still show.
        settings["Logging:LogLevel:Default"] = logLevel;
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = logLevel;
        foreach ((string key, string? value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        WebApplication host = SpeakerHubHost.Build(SpeakerHubHost.CreateBuilder([], settings));
        try
        {
            await host.StartAsync(cancellationToken);

            // No keys configured: the host generated them into its data directory at start, as it does for a user.
            string adminKey = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, StorageOptions.AdminKeyFileName), cancellationToken)).Trim();
            string operatorKey = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, StorageOptions.OperatorKeyFileName), cancellationToken)).Trim();
            return new InProcessCloud(host, root, node.ApiAddress, node.MqttPort, adminKey, operatorKey);
        }
        catch
        {
            await StopAsync(host, root);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(_host, _root));

    private static async Task StopAsync(WebApplication host, string root)
    {
        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        finally
        {
            await host.DisposeAsync();
            DeleteQuietly(root);
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder costs disk space, not correctness; the figures are already printed.
        }
    }

}
