using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SpeakerHub.Cloud.Api.Fleet;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.LoadGen.Ota;

/// <summary>The <c>/api/fleet</c> calls an operator makes for one rollout, with the fleet operator key.</summary>
public sealed class FleetOperatorClient : IDisposable
{
    /// <summary>The most devices <c>GET /api/fleet/devices</c> returns in one page.</summary>
    private const int DevicePageSize = 500;

    private readonly HttpClient _http;

    public FleetOperatorClient(Uri api, string operatorKey)
    {
        _http = new HttpClient { BaseAddress = api.AbsoluteUri.EndsWith('/') ? api : new Uri(api.AbsoluteUri + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
    }

    /// <summary><c>POST /api/fleet/signing-keys</c>: the cloud accepts bundles signed with this key from now on.</summary>
    public async Task RegisterSigningKeyAsync(string name, string publicKeyHex, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(
            "api/fleet/signing-keys", new { name, publicKey = publicKeyHex }, cancellationToken);
        await EnsureSuccessAsync(response, "register the signing key", cancellationToken);
    }

    /// <summary><c>POST /api/fleet/images</c>: the raw signed bundle; returns the image the cloud keeps.</summary>
    public async Task<FirmwareImageView> UploadImageAsync(byte[] bundle, CancellationToken cancellationToken)
    {
        using ByteArrayContent content = new(bundle);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage response = await _http.PostAsync("api/fleet/images", content, cancellationToken);
        await EnsureSuccessAsync(response, "upload the firmware bundle", cancellationToken);
        return await response.Content.ReadFromJsonAsync<FirmwareImageView>(cancellationToken)
            ?? throw new FleetApiException("The API answered the upload without an image.");
    }

    /// <summary>
    /// <c>POST /api/fleet/rollouts</c> with one wave of every selected device, no soak, and a wave timeout
    /// of <paramref name="waveTimeout"/>: the whole fleet is offered the image at once.
    /// </summary>
    public async Task<RolloutView> CreateSingleWaveRolloutAsync(
        string imageId, string model, string fromVersion, TimeSpan waveTimeout, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(
            "api/fleet/rollouts",
            new
            {
                imageId,
                selector = new { model, fromVersions = new[] { fromVersion } },
                waves = new[] { 100 },
                soakSeconds = 0,
                waveTimeoutSeconds = (long)Math.Ceiling(waveTimeout.TotalSeconds),
                onBreach = "abort",
                description = "loadgen ota benchmark",
            },
            cancellationToken);
        await EnsureSuccessAsync(response, "create the rollout", cancellationToken);
        return await response.Content.ReadFromJsonAsync<RolloutView>(cancellationToken)
            ?? throw new FleetApiException("The API answered the rollout without its status.");
    }

    public async Task<RolloutView> GetRolloutAsync(string id, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync($"api/fleet/rollouts/{Uri.EscapeDataString(id)}", cancellationToken);
        await EnsureSuccessAsync(response, $"read rollout {id}", cancellationToken);
        return await response.Content.ReadFromJsonAsync<RolloutView>(cancellationToken)
            ?? throw new FleetApiException($"The API answered rollout {id} without its status.");
    }

    /// <summary>Every device of <paramref name="model"/>, page by page.</summary>
    public async Task<IReadOnlyList<FleetDeviceView>> ListDevicesAsync(string model, CancellationToken cancellationToken)
    {
        List<FleetDeviceView> devices = [];
        for (int skip = 0; ; skip += DevicePageSize)
        {
            string query = string.Create(CultureInfo.InvariantCulture, $"api/fleet/devices?model={Uri.EscapeDataString(model)}&skip={skip}&take={DevicePageSize}");
            using HttpResponseMessage response = await _http.GetAsync(query, cancellationToken);
            await EnsureSuccessAsync(response, "list the fleet's devices", cancellationToken);
            FleetDevicePage page = await response.Content.ReadFromJsonAsync<FleetDevicePage>(cancellationToken)
                ?? throw new FleetApiException("The API answered the device list without a page.");
            devices.AddRange(page.Devices);
            if (page.Devices.Count < DevicePageSize || devices.Count >= page.Total)
            {
                return devices;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string detail;
        try
        {
            ProblemBody? problem = await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
            detail = problem is null ? string.Empty : $" — {problem.Title} {problem.Detail}".TrimEnd();
        }
        catch (JsonException)
        {
            detail = string.Empty;
        }

        throw new FleetApiException($"Could not {action}: {(int)response.StatusCode} {response.ReasonPhrase}{detail}");
    }

    private sealed record ProblemBody(string? Title, string? Detail);
}
