using System.Net.Http.Json;
using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>Owners and their devices created through the admin API, and HTTP clients signed in as an owner.</summary>
public static class OwnerAccounts
{
    public static async Task<CreatedOwner> CreateAsync(CloudNode cloud, string name = "e2e household")
    {
        using var response = await cloud.Api.PostAsJsonAsync("api/admin/owners", new { name });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CreatedOwner>() ?? throw new InvalidOperationException("Empty owner answer.");
    }

    /// <summary>Provisions a device for <paramref name="ownerId"/> and returns its id.</summary>
    public static async Task<string> ProvisionDeviceAsync(CloudNode cloud, string ownerId)
    {
        using var response = await cloud.Api.PostAsJsonAsync("api/admin/devices", new { model = "e2e-owned", ownerId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ProvisionedBody>() ?? throw new InvalidOperationException("Empty device answer.");
        return body.Id;
    }

    /// <summary>A client of the cloud's API sending <paramref name="bearer"/> (null: no Authorization header).</summary>
    public static HttpClient Client(CloudNode cloud, string? bearer)
    {
        var client = new HttpClient { BaseAddress = cloud.ApiAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        return client;
    }

    private sealed record ProvisionedBody(string Id);
}

public sealed record CreatedOwner(string OwnerId, string KeyId, string ApiKey);

/// <summary>RFC 7807 problem details as the API writes them, with validation errors when there are any.</summary>
public sealed record Problem(int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors);

public sealed record OwnerDevice(string Id, string Model, bool Online, OwnerDeviceSettings Settings, bool SettingsApplied);

public sealed record OwnerDeviceSettings(int Volume, bool Muted, int WakeSensitivity);

public sealed record HistoryPage(IReadOnlyList<HistoryItem> Interactions, long? NextBefore);

public sealed record HistoryItem(long Sequence, uint InteractionId, string Source, string Trigger, string? Transcript, string Intent, string Reply, string Outcome, bool HasAudio);

public sealed record SayAnswer(uint InteractionId, string Intent, string Reply);

public sealed record Privacy(bool KeepAudio);
