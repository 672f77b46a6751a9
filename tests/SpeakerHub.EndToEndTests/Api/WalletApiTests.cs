using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary><c>/api/owner/wallet</c>: top-ups that a retry cannot double, the PIN, limits and precise 4xx answers.</summary>
[Collection(ApiCollection.Name)]
public sealed class WalletApiTests(RunningCloud fixture)
{
    private readonly CloudNode cloud = fixture.Node;

    [Fact]
    public async Task A_top_up_repeated_with_the_same_idempotency_key_adds_the_money_once()
    {
        using var owner = await SignedInOwnerAsync();

        using var first = await TopUpAsync(owner, "key-1", 25_00);
        using var again = await TopUpAsync(owner, "key-1", 25_00);
        var wallet = await owner.GetFromJsonAsync<JsonElement>("api/owner/wallet");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
        Assert.Equal(25_00, wallet.GetProperty("balance").GetInt64());
        Assert.Equal("USD", wallet.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_top_up_without_an_idempotency_key_is_a_400_naming_the_header()
    {
        using var owner = await SignedInOwnerAsync();

        using var response = await owner.PostAsJsonAsync("api/owner/wallet/top-ups", new { amount = 10_00 });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Theory]
    [InlineData("""{"amount":0}""", "amount")]
    [InlineData("""{"amount":-5}""", "amount")]
    [InlineData("""{}""", "amount")]
    [InlineData("""{"amount":"ten"}""", "")]
    [InlineData("""{"amount":""", "")]
    public async Task A_bad_top_up_body_is_a_400_problem_and_moves_no_money(string body, string field)
    {
        using var owner = await SignedInOwnerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/owner/wallet/top-ups")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "k");

        using var response = await owner.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, (await owner.GetFromJsonAsync<JsonElement>("api/owner/wallet")).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task A_top_up_above_the_ceiling_is_a_400_saying_the_ceiling()
    {
        using var owner = await SignedInOwnerAsync();

        using var response = await TopUpAsync(owner, "big", 1_000_000_00);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "between 1 and");
    }

    [Fact]
    public async Task Setting_a_pin_then_changing_it_with_a_wrong_current_pin_is_a_409()
    {
        using var owner = await SignedInOwnerAsync();

        using var set = await owner.PutAsJsonAsync("api/owner/wallet/pin", new { pin = "2468" });
        using var wrong = await owner.PutAsJsonAsync("api/owner/wallet/pin", new { pin = "1357", currentPin = "0000" });
        using var badShape = await owner.PutAsJsonAsync("api/owner/wallet/pin", new { pin = "12a4" });
        var wallet = await owner.GetFromJsonAsync<JsonElement>("api/owner/wallet");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        await AssertProblemAsync(wrong, HttpStatusCode.Conflict, "current PIN is wrong");
        await AssertProblemAsync(badShape, HttpStatusCode.BadRequest, "pin");
        Assert.True(wallet.GetProperty("pinSet").GetBoolean());
    }

    [Fact]
    public async Task Limits_are_set_within_the_ceilings_and_refused_beyond_them()
    {
        using var owner = await SignedInOwnerAsync();

        using var ok = await owner.PutAsJsonAsync("api/owner/wallet/limits", new { paymentLimit = 20_00, dailyLimit = 50_00 });
        using var inverted = await owner.PutAsJsonAsync("api/owner/wallet/limits", new { paymentLimit = 20_00, dailyLimit = 10_00 });
        using var huge = await owner.PutAsJsonAsync("api/owner/wallet/limits", new { paymentLimit = 20_00, dailyLimit = 999_999_99 });

        Assert.Equal(20_00, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentLimit").GetInt64());
        await AssertProblemAsync(inverted, HttpStatusCode.BadRequest, "dailyLimit");
        await AssertProblemAsync(huge, HttpStatusCode.BadRequest, "daily limit");
    }

    [Fact]
    public async Task The_statement_lists_top_ups_newest_first()
    {
        using var owner = await SignedInOwnerAsync();
        (await TopUpAsync(owner, "a", 1_00)).Dispose();
        (await TopUpAsync(owner, "b", 2_00)).Dispose();

        var lines = await owner.GetFromJsonAsync<JsonElement[]>("api/owner/wallet/transactions?limit=10");

        Assert.Equal([2_00L, 1_00L], lines!.Select(line => line.GetProperty("change").GetInt64()).ToArray());
        Assert.All(lines!, line => Assert.Equal("top-up", line.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task The_wallet_needs_an_owner_key()
    {
        using var anonymous = OwnerAccounts.Client(cloud, bearer: null);

        using var response = await anonymous.GetAsync("api/owner/wallet");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpClient> SignedInOwnerAsync() =>
        OwnerAccounts.Client(cloud, (await OwnerAccounts.CreateAsync(cloud, "wallet household")).ApiKey);

    private static async Task<HttpResponseMessage> TopUpAsync(HttpClient owner, string key, long amount)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/owner/wallet/top-ups") { Content = JsonContent.Create(new { amount }) };
        request.Headers.Add("Idempotency-Key", key);
        return await owner.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mentions)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(mentions, body, StringComparison.OrdinalIgnoreCase);
    }
}
