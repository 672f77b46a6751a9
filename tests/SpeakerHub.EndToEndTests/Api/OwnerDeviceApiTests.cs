using System.Net;
using System.Net.Http.Json;
using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>What an owner does with their own speaker over HTTP: settings, typed requests, history and the audio choice.</summary>
[Collection(ApiCollection.Name)]
public sealed class OwnerDeviceApiTests(RunningCloud fixture)
{
    private readonly CloudNode cloud = fixture.Node;

    [Fact]
    public async Task Settings_the_owner_changes_become_the_devices_desired_twin()
    {
        var (asOwner, deviceId) = await OwnedDeviceAsync();
        using (asOwner)
        {
            using var response = await asOwner.PatchAsJsonAsync($"api/owner/devices/{deviceId}/settings", new { volume = 3, muted = true });

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var device = await asOwner.GetFromJsonAsync<OwnerDevice>($"api/owner/devices/{deviceId}");
            Assert.Equal(new OwnerDeviceSettings(3, true, device!.Settings.WakeSensitivity), device.Settings);
            Assert.False(device.SettingsApplied);
            Assert.Equal((3, true), ((await cloud.GetDeviceAsync(deviceId)).Desired.Volume, (await cloud.GetDeviceAsync(deviceId)).Desired.Muted));
        }
    }

    [Fact]
    public async Task A_typed_request_is_answered_and_shows_up_in_the_history_newest_first()
    {
        var (asOwner, deviceId) = await OwnedDeviceAsync();
        using (asOwner)
        {
            using var first = await asOwner.PostAsJsonAsync($"api/owner/devices/{deviceId}/say", new { text = "mute" });
            using var second = await asOwner.PostAsJsonAsync($"api/owner/devices/{deviceId}/say", new { text = "what time is it" });
            var answer = await second.Content.ReadFromJsonAsync<SayAnswer>();

            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal("GetTime", answer!.Intent);
            var history = await asOwner.GetFromJsonAsync<HistoryPage>($"api/owner/devices/{deviceId}/history");
            Assert.Equal(["what time is it", "mute"], history!.Interactions.Select(item => item.Transcript));
            var newest = history.Interactions[0];
            Assert.Equal((answer.InteractionId, answer.Reply, "text", "typed", false), (newest.InteractionId, newest.Reply, newest.Source, newest.Trigger, newest.HasAudio));
        }
    }

    [Fact]
    public async Task History_pages_back_with_next_before_and_a_wipe_empties_it()
    {
        var (asOwner, deviceId) = await OwnedDeviceAsync();
        using (asOwner)
        {
            foreach (var text in new[] { "mute", "unmute", "what time is it" })
            {
                (await asOwner.PostAsJsonAsync($"api/owner/devices/{deviceId}/say", new { text })).Dispose();
            }

            var first = await asOwner.GetFromJsonAsync<HistoryPage>($"api/owner/devices/{deviceId}/history?limit=2");
            Assert.NotNull(first!.NextBefore);
            var rest = await asOwner.GetFromJsonAsync<HistoryPage>($"api/owner/devices/{deviceId}/history?limit=2&before={first.NextBefore}");
            using var wipe = await asOwner.DeleteAsync($"api/owner/devices/{deviceId}/history");
            var afterWipe = await asOwner.GetFromJsonAsync<HistoryPage>($"api/owner/devices/{deviceId}/history");

            Assert.Equal(["what time is it", "unmute", "mute"], first.Interactions.Concat(rest!.Interactions).Select(item => item.Transcript));
            Assert.Null(rest.NextBefore);
            Assert.Equal(HttpStatusCode.NoContent, wipe.StatusCode);
            Assert.Empty(afterWipe!.Interactions);
        }
    }

    [Fact]
    public async Task Audio_is_off_by_default_and_its_endpoint_is_404_when_nothing_was_kept()
    {
        var (asOwner, deviceId) = await OwnedDeviceAsync();
        using (asOwner)
        {
            var answer = await (await asOwner.PostAsJsonAsync($"api/owner/devices/{deviceId}/say", new { text = "mute" }))
                .Content.ReadFromJsonAsync<SayAnswer>();

            var privacy = await asOwner.GetFromJsonAsync<Privacy>($"api/owner/devices/{deviceId}/privacy");
            using var audio = await asOwner.GetAsync($"api/owner/devices/{deviceId}/history/{answer!.InteractionId}/audio");

            Assert.False(privacy!.KeepAudio);
            Assert.Equal(HttpStatusCode.NotFound, audio.StatusCode);
            Assert.Equal("Audio not kept", (await audio.Content.ReadFromJsonAsync<Problem>())?.Title);
        }
    }

    [Fact]
    public async Task The_owners_audio_choice_is_stored_per_device()
    {
        var (asOwner, deviceId) = await OwnedDeviceAsync();
        using (asOwner)
        {
            using var optIn = await asOwner.PutAsJsonAsync($"api/owner/devices/{deviceId}/privacy", new { keepAudio = true });

            Assert.True((await optIn.Content.ReadFromJsonAsync<Privacy>())!.KeepAudio);
            Assert.True((await asOwner.GetFromJsonAsync<Privacy>($"api/owner/devices/{deviceId}/privacy"))!.KeepAudio);
            using var optOut = await asOwner.PutAsJsonAsync($"api/owner/devices/{deviceId}/privacy", new { keepAudio = false });
            Assert.False((await asOwner.GetFromJsonAsync<Privacy>($"api/owner/devices/{deviceId}/privacy"))!.KeepAudio);
        }
    }

    [Theory]
    [InlineData("PATCH", "/settings", """{"volume":99}""", "volume")]
    [InlineData("PATCH", "/settings", """{}""", "")]
    [InlineData("POST", "/say", """{}""", "text")]
    [InlineData("PUT", "/privacy", """{}""", "keepAudio")]
    [InlineData("GET", "/history?limit=0", null, "limit")]
    [InlineData("GET", "/history?before=0", null, "before")]
    public async Task A_bad_request_is_a_400_problem_naming_the_field(string method, string path, string? body, string field)
    {
        var (asOwner, deviceId) = await OwnedDeviceAsync();
        using (asOwner)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"api/owner/devices/{deviceId}{path}");
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await asOwner.SendAsync(request);
            var problem = await response.Content.ReadFromJsonAsync<Problem>();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, problem!.Errors!.Keys);
        }
    }

    [Fact]
    public async Task An_owner_without_a_name_is_a_400_problem_naming_the_field()
    {
        using var response = await cloud.Api.PostAsJsonAsync("api/admin/owners", new { name = "  " });
        var problem = await response.Content.ReadFromJsonAsync<Problem>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("name", problem!.Errors!.Keys);
    }

    private async Task<(HttpClient AsOwner, string DeviceId)> OwnedDeviceAsync()
    {
        var owner = await OwnerAccounts.CreateAsync(cloud);
        var deviceId = await OwnerAccounts.ProvisionDeviceAsync(cloud, owner.OwnerId);
        return (OwnerAccounts.Client(cloud, owner.ApiKey), deviceId);
    }
}
