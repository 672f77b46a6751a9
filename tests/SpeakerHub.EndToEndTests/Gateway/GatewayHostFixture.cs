using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using SpeakerHub.Cloud.Host;

namespace SpeakerHub.EndToEndTests.Gateway;

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayHostFixture>
{
    public const string Name = "Gateway";
}

/// <summary>
/// The whole cloud host, in-process on free loopback ports with a temporary data directory, started
/// once for the gateway tests and removed after them.
/// </summary>
public sealed class GatewayHostFixture : IAsyncLifetime, IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "speakerhub-gateway-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string _adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private WebApplication? _host;
    private HttpClient? _api;

    public int MqttPort { get; private set; }

    /// <summary>The HTTP API, authenticated with the admin key.</summary>
    public HttpClient Api => _api ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        var ports = FreeLoopbackPorts(4);
        MqttPort = ports[1];
        var builder = SpeakerHubHost.CreateBuilder([], new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{ports[0]}",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:SiloPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports[3].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Api:AdminKey"] = _adminKey,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _host = SpeakerHubHost.Build(builder);
        await _host.StartAsync();
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
        _api.DefaultRequestHeaders.Authorization = new("Bearer", _adminKey);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; failing the run over it would not be.
        }
    }

    // xUnit calls this after DisposeAsync.
    public void Dispose() => _api?.Dispose();

    /// <summary>Provisions a device through the admin API and returns its id and key.</summary>
    public async Task<ProvisionedDevice> ProvisionAsync()
    {
        using var response = await Api.PostAsJsonAsync("/api/admin/devices", new { model = "gateway-test" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ProvisionedBody>()
            ?? throw new InvalidOperationException("The provisioning answer was empty.");
        return new ProvisionedDevice(body.Id, Convert.FromHexString(body.Key));
    }

    /// <summary>The device as the admin API shows it.</summary>
    public async Task<DeviceBody> GetDeviceAsync(string id) =>
        await Api.GetFromJsonAsync<DeviceBody>($"/api/admin/devices/{id}")
        ?? throw new InvalidOperationException($"No answer for device {id}.");

    // All listeners are open at once, so the ports differ; they are released for the host right after.
    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    private sealed record ProvisionedBody(string Id, string Key);
}

public sealed record ProvisionedDevice(string Id, byte[] Key);

public sealed record DeviceBody(string Id, bool Online, string? FirmwareVersion);
