using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SpeakerHub.Firmware.Host.Mqtt;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Simulator.Fleet;

/// <summary>The admin endpoints of the cloud's HTTP API the simulator needs.</summary>
public sealed class FleetApiClient(HttpClient http, string adminKey)
{
    private const string DevicesPath = "api/admin/devices";

    /// <summary><c>POST /api/admin/devices</c>: creates a device and returns its one-time credentials.</summary>
    public async Task<DeviceCredentials> ProvisionAsync(string model, string? ownerId, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Authorized(HttpMethod.Post, DevicesPath);
        request.Content = JsonContent.Create(new ProvisionRequest(model, ownerId));
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "provision a device", cancellationToken);
        ProvisionResponse? created = await response.Content.ReadFromJsonAsync<ProvisionResponse>(cancellationToken);
        byte[]? key = Hex.Decode(created?.Key);
        if (created?.Id is null || key is null)
        {
            throw new FleetApiException("The API answered the provisioning request without an id and key.");
        }

        return new DeviceCredentials(created.Id, key);
    }

    /// <summary><c>GET /api/admin/devices/{id}</c>: whether the cloud still knows this device.</summary>
    public async Task<bool> ExistsAsync(string deviceId, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Authorized(HttpMethod.Get, $"{DevicesPath}/{Uri.EscapeDataString(deviceId)}");
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"look up device {deviceId}", cancellationToken);
        return true;
    }

    /// <summary>
    /// <c>GET /api/admin/devices/{id}/history</c>: the cloud's record of one interaction (what it heard,
    /// the intent and slots, the reply), or null when the newest page does not hold it.
    /// </summary>
    public async Task<InteractionView?> FindInteractionAsync(string deviceId, uint interactionId, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Authorized(HttpMethod.Get, $"{DevicesPath}/{Uri.EscapeDataString(deviceId)}/history?limit=20");
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, $"read the history of device {deviceId}", cancellationToken);
        HistoryPage? page = await response.Content.ReadFromJsonAsync<HistoryPage>(cancellationToken);
        return page?.Interactions?.FirstOrDefault(interaction => interaction.InteractionId == interactionId);
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        HttpRequestMessage request = new(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string detail = await ReadProblemAsync(response, cancellationToken);
        throw new FleetApiException($"Could not {action}: {(int)response.StatusCode} {response.ReasonPhrase}{detail}");
    }

    /// <summary>Errors are RFC 7807 problem details; show their title and detail when present.</summary>
    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            ProblemDetails? problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(cancellationToken);
            return problem is null ? string.Empty : $" — {problem.Title} {problem.Detail}".TrimEnd();
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private sealed record ProvisionRequest(string Model, string? OwnerId);

    private sealed record HistoryPage(IReadOnlyList<InteractionView>? Interactions);

    private sealed record ProvisionResponse(string? Id, string? Key);

    private sealed record ProblemDetails(string? Title, string? Detail);
}

/// <summary>One interaction as the cloud's history reports it (the fields the simulator prints).</summary>
public sealed record InteractionView(
    uint InteractionId, string? Transcript, string? Intent, IReadOnlyDictionary<string, string>? Slots, string? Reply, string? Outcome);

/// <summary>The cloud's HTTP API refused or could not be reached for a fleet operation.</summary>
public sealed class FleetApiException : Exception
{
    public FleetApiException()
    {
    }

    public FleetApiException(string message)
        : base(message)
    {
    }

    public FleetApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
