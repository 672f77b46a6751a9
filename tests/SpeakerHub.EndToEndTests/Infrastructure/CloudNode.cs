using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Host;
using SpeakerHub.Cloud.Host.Loopback;

namespace SpeakerHub.EndToEndTests.Infrastructure;

/// <summary>
/// The real cloud host, in-process on free loopback ports with its own data directory. Ports and data
/// survive <see cref="RestartAsync"/>, so a test can stop the cloud and bring the same node back the
/// way an operator would.
/// </summary>
public sealed class CloudNode : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "speakerhub-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly LoopbackNode _node = new();
    private readonly Dictionary<string, string?> _extraSettings;
    private WebApplication? _host;
    private HttpClient? _operator;

    /// <param name="settings">Configuration on top of the test defaults, e.g. faster rollout ticks.</param>
    public CloudNode(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _extraSettings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        AdminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Api = new HttpClient { BaseAddress = ApiAddress };
        Api.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
    }

    public string AdminKey { get; }

    public Uri ApiAddress => _node.ApiAddress;

    public int MqttPort => _node.MqttPort;

    /// <summary>The HTTP API, authenticated with the admin key.</summary>
    public HttpClient Api { get; }

    /// <summary>
    /// The fleet operator key. Left to the host, which generates <c>operator.key</c> in the data
    /// directory at first start, where an operator reads it.
    /// </summary>
    public string OperatorKey { get; private set; } = string.Empty;

    public string OperatorKeyFile => Path.Combine(_dataDirectory, "operator.key");

    /// <summary>The fleet API (<c>/api/fleet</c>), authenticated with the operator key.</summary>
    public HttpClient Fleet => _operator ?? throw new InvalidOperationException("Not started.");

    /// <summary>The running host's services: for tests that must reach past the API (a fault injected in the cloud).</summary>
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>A client sending <paramref name="bearer"/> (null: no Authorization header).</summary>
    public HttpClient Client(string? bearer)
    {
        var client = new HttpClient { BaseAddress = ApiAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Everything the host logged at warning level or above, across restarts.</summary>
    public CapturedLog Log { get; } = new();

    public async Task StartAsync()
    {
        var settings = _node.Settings(_dataDirectory);
        settings["Api:AdminKey"] = AdminKey;
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        var builder = SpeakerHubHost.CreateBuilder([], settings);
        builder.Logging.Services.AddSingleton<ILoggerProvider>(Log);
        _host = SpeakerHubHost.Build(builder);
        await _host.StartAsync();
        OperatorKey = (await File.ReadAllTextAsync(OperatorKeyFile)).Trim();
        _operator?.Dispose();
        _operator = Client(OperatorKey);
    }

    public async Task StopAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        await _host.DisposeAsync();
        _host = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Provisions a device through the admin API and returns its id and key.</summary>
    public async Task<ProvisionedDevice> ProvisionAsync(string model = "e2e-test")
    {
        using var response = await Api.PostAsJsonAsync("api/admin/devices", new { model });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ProvisionedBody>()
            ?? throw new InvalidOperationException("The provisioning answer was empty.");
        return new ProvisionedDevice(body.Id, Convert.FromHexString(body.Key));
    }

    /// <summary>The device as the admin API shows it.</summary>
    public async Task<DeviceView> GetDeviceAsync(string id) =>
        await Api.GetFromJsonAsync<DeviceView>($"api/admin/devices/{id}")
        ?? throw new InvalidOperationException($"No answer for device {id}.");

    /// <summary>Polls the API until <paramref name="condition"/> holds for the device, or fails with its last view.</summary>
    public async Task<DeviceView> WaitForDeviceAsync(string id, Func<DeviceView, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        DeviceView view = await GetDeviceAsync(id);
        while (!condition(view))
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Device {id} did not reach the expected state within {timeout}; last seen as {view}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            view = await GetDeviceAsync(id);
        }

        return view;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Api.Dispose();
        _operator?.Dispose();
        Log.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; failing the run over it would not be.
        }
    }

    private sealed record ProvisionedBody(string Id, string Key);
}

public sealed record ProvisionedDevice(string Id, byte[] Key);

public sealed record TwinView(long Version, int Volume, bool Muted, int WakeSensitivity);

public sealed record DeviceView(string Id, bool Online, string? FirmwareVersion, TwinView Desired, TwinView Reported);
