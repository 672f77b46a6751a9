using System.Net;
using System.Net.Http.Json;
using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>
/// Who gets into <c>/api/owner</c>: only the holder of an owner key, who then sees only their own
/// devices, and who cannot tell from any answer whether someone else's device exists.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OwnerAccessTests(RunningCloud fixture)
{
    private readonly CloudNode cloud = fixture.Node;

    [Fact]
    public async Task Creating_an_owner_answers_201_with_a_key_that_is_never_shown_again()
    {
        using var response = await cloud.Api.PostAsJsonAsync("api/admin/owners", new { name = "The Okafors" });
        var created = await response.Content.ReadFromJsonAsync<CreatedOwner>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith($"{created!.OwnerId}.", created.ApiKey, StringComparison.Ordinal);
        Assert.Equal($"/api/admin/owners/{created.OwnerId}", response.Headers.Location?.OriginalString);
        var shown = await cloud.Api.GetStringAsync($"api/admin/owners/{created.OwnerId}");
        Assert.Contains("The Okafors", shown, StringComparison.Ordinal);
        Assert.Contains(created.KeyId, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(created.ApiKey.Split('.')[1], shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_key_is_refused_with_401_problem_details()
    {
        using var anonymous = OwnerAccounts.Client(cloud, bearer: null);

        using var response = await anonymous.GetAsync("api/owner/devices");

        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_owner_and_the_admin_key_get_the_same_401()
    {
        var owner = await OwnerAccounts.CreateAsync(cloud);
        var secret = owner.ApiKey.Split('.')[1];
        var wrongSecret = $"{owner.OwnerId}.{new string('A', secret.Length)}";
        var unknownOwner = $"own-nobody.{secret}";

        var answers = new List<Problem>();
        foreach (var bearer in new[] { wrongSecret, unknownOwner, cloud.AdminKey, "garbage" })
        {
            using var client = OwnerAccounts.Client(cloud, bearer);
            using var response = await client.GetAsync("api/owner/devices");
            answers.Add(await AssertUnauthorized(response));
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_its_replacement_works()
    {
        var owner = await OwnerAccounts.CreateAsync(cloud);
        using var rotate = await cloud.Api.PostAsync($"api/admin/owners/{owner.OwnerId}/keys?revokeOthers=true", content: null);
        var replacement = await rotate.Content.ReadFromJsonAsync<CreatedOwner>();

        using var old = OwnerAccounts.Client(cloud, owner.ApiKey);
        using var current = OwnerAccounts.Client(cloud, replacement!.ApiKey);

        Assert.Equal(HttpStatusCode.Created, rotate.StatusCode);
        await AssertUnauthorized(await old.GetAsync("api/owner/devices"));
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("api/owner/devices")).StatusCode);
    }

    [Fact]
    public async Task A_device_provisioned_for_an_owner_is_listed_for_that_owner_only()
    {
        var alice = await OwnerAccounts.CreateAsync(cloud, "Alice");
        var bob = await OwnerAccounts.CreateAsync(cloud, "Bob");
        var kitchen = await OwnerAccounts.ProvisionDeviceAsync(cloud, alice.OwnerId);
        using var asAlice = OwnerAccounts.Client(cloud, alice.ApiKey);
        using var asBob = OwnerAccounts.Client(cloud, bob.ApiKey);

        var alicesDevices = await asAlice.GetFromJsonAsync<OwnerDevice[]>("api/owner/devices");
        var bobsDevices = await asBob.GetFromJsonAsync<OwnerDevice[]>("api/owner/devices");

        var listed = Assert.Single(alicesDevices!);
        Assert.Equal((kitchen, "e2e-owned", false), (listed.Id, listed.Model, listed.Online));
        Assert.Empty(bobsDevices!);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/history")]
    [InlineData("DELETE", "/history")]
    [InlineData("GET", "/privacy")]
    [InlineData("GET", "/history/1/audio")]
    public async Task Another_owners_device_is_404_exactly_like_a_device_that_does_not_exist(string method, string path)
    {
        var alice = await OwnerAccounts.CreateAsync(cloud, "Alice");
        var bob = await OwnerAccounts.CreateAsync(cloud, "Bob");
        var alicesDevice = await OwnerAccounts.ProvisionDeviceAsync(cloud, alice.OwnerId);
        using var asBob = OwnerAccounts.Client(cloud, bob.ApiKey);

        var theirs = await ProblemFor(asBob, method, $"api/owner/devices/{alicesDevice}{path}");
        var nobodys = await ProblemFor(asBob, method, $"api/owner/devices/no-such-device{path}");

        Assert.Equal(404, theirs.Status);
        Assert.Equal((theirs.Status, theirs.Title), (nobodys.Status, nobodys.Title));
        Assert.Equal(theirs.Detail, nobodys.Detail!.Replace("no-such-device", alicesDevice, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_owners_device_cannot_be_spoken_to_or_reconfigured()
    {
        var alice = await OwnerAccounts.CreateAsync(cloud, "Alice");
        var bob = await OwnerAccounts.CreateAsync(cloud, "Bob");
        var alicesDevice = await OwnerAccounts.ProvisionDeviceAsync(cloud, alice.OwnerId);
        using var asBob = OwnerAccounts.Client(cloud, bob.ApiKey);

        using var say = await asBob.PostAsJsonAsync($"api/owner/devices/{alicesDevice}/say", new { text = "set volume to one" });
        using var settings = await asBob.PatchAsJsonAsync($"api/owner/devices/{alicesDevice}/settings", new { volume = 1 });
        using var privacy = await asBob.PutAsJsonAsync($"api/owner/devices/{alicesDevice}/privacy", new { keepAudio = true });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [say.StatusCode, settings.StatusCode, privacy.StatusCode]);
        Assert.NotEqual(1, (await cloud.GetDeviceAsync(alicesDevice)).Desired.Volume);
    }

    [Fact]
    public async Task Provisioning_for_an_owner_that_does_not_exist_is_a_404_problem_and_creates_no_device()
    {
        var deviceId = "e2e-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await cloud.Api.PostAsJsonAsync("api/admin/devices", new { model = "e2e", id = deviceId, ownerId = "own-nobody" });
        var problem = await response.Content.ReadFromJsonAsync<Problem>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Owner not found", problem?.Title);
        Assert.Equal(HttpStatusCode.NotFound, (await cloud.Api.GetAsync($"api/admin/devices/{deviceId}")).StatusCode);
    }

    private static async Task<Problem> AssertUnauthorized(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<Problem>();
            Assert.Equal(401, problem?.Status);
            return problem!;
        }
    }

    private static async Task<Problem> ProblemFor(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<Problem>())!;
    }
}
