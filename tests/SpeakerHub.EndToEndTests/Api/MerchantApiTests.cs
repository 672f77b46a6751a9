using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>
/// <c>/api/merchant</c>: a merchant sees and refunds only the payments it received, a refund retried with
/// its key happens once, and the settlement adds up.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MerchantApiTests(RunningCloud fixture)
{
    private const string Pin = "1357";
    private readonly CloudNode cloud = fixture.Node;

    [Fact]
    public async Task Creating_a_merchant_needs_the_admin_key_and_a_name()
    {
        using var anonymous = OwnerAccounts.Client(cloud, bearer: null);

        using var unauthorized = await anonymous.PostAsJsonAsync("api/admin/merchants", new { name = "Sneaky" });
        using var nameless = await cloud.Api.PostAsJsonAsync("api/admin/merchants", new { name = " " });

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Equal("application/problem+json", nameless.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_merchant_sees_a_payment_it_received_refunds_part_of_it_once_and_the_settlement_adds_up()
    {
        var (merchantId, merchant) = await MerchantAsync("Burger Barn");
        var (ownerId, paymentId) = await PaidAsync(merchantId, 18_00);

        var payments = await merchant.GetFromJsonAsync<JsonElement[]>("api/merchant/payments");
        using var refund = await RefundAsync(merchant, paymentId, "refund-1", 8_00);
        using var repeated = await RefundAsync(merchant, paymentId, "refund-1", 8_00);
        var settlement = await merchant.GetFromJsonAsync<JsonElement>("api/merchant/settlement");

        Assert.Equal(18_00, Assert.Single(payments!).GetProperty("change").GetInt64());
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (refund.StatusCode, repeated.StatusCode));
        Assert.Equal(
            (1, 18_00L, 1, 8_00L, 10_00L, 10_00L),
            (settlement.GetProperty("payments").GetInt32(), settlement.GetProperty("gross").GetInt64(),
             settlement.GetProperty("refunds").GetInt32(), settlement.GetProperty("refunded").GetInt64(),
             settlement.GetProperty("net").GetInt64(), settlement.GetProperty("balance").GetInt64()));
        Assert.Equal(100_00 - 18_00 + 8_00, (await Wallet(ownerId).GetSummary()).Balance);
    }

    [Fact]
    public async Task A_merchant_cannot_see_or_refund_another_merchants_payment()
    {
        var (paidMerchant, _) = await MerchantAsync("Noodle Bar");
        var (_, other) = await MerchantAsync("Pizza Place");
        var (_, paymentId) = await PaidAsync(paidMerchant, 5_00);

        var payments = await other.GetFromJsonAsync<JsonElement[]>("api/merchant/payments");
        using var refund = await RefundAsync(other, paymentId, "steal", 5_00);

        Assert.Empty(payments!);
        Assert.Equal(HttpStatusCode.NotFound, refund.StatusCode);
        Assert.Equal("application/problem+json", refund.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Refunding_more_than_is_left_is_a_409_and_a_bad_refund_body_is_a_400()
    {
        var (merchantId, merchant) = await MerchantAsync("Taco Truck");
        var (_, paymentId) = await PaidAsync(merchantId, 6_00);

        using var tooMuch = await RefundAsync(merchant, paymentId, "r1", 6_01);
        using var zero = await RefundAsync(merchant, paymentId, "r2", 0);
        using var noKey = await merchant.PostAsJsonAsync($"api/merchant/payments/{paymentId}/refunds", new { amount = 1_00 });

        Assert.Equal(
            (HttpStatusCode.Conflict, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
            (tooMuch.StatusCode, zero.StatusCode, noKey.StatusCode));
    }

    [Fact]
    public async Task An_owner_key_does_not_open_the_merchant_api()
    {
        var owner = await OwnerAccounts.CreateAsync(cloud, "not a merchant");
        using var client = OwnerAccounts.Client(cloud, owner.ApiKey);

        using var response = await client.GetAsync("api/merchant");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<(string MerchantId, HttpClient Client)> MerchantAsync(string name)
    {
        using var response = await cloud.Api.PostAsJsonAsync("api/admin/merchants", new { name });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("merchantId").GetString()!, OwnerAccounts.Client(cloud, created.GetProperty("apiKey").GetString()));
    }

    // Voice payments are made by the dialog; here the host's own grain client stands in for it.
    private async Task<(string OwnerId, string PaymentId)> PaidAsync(string merchantId, long amount)
    {
        var ownerId = (await OwnerAccounts.CreateAsync(cloud, "paying household")).OwnerId;
        await Wallet(ownerId).TopUp("opening", 100_00);
        await Wallet(ownerId).SetPin(Pin, null);
        var paid = await Wallet(ownerId).Pay(new PaymentRequest("order-1", merchantId, amount, "order-1", Pin));
        Assert.Equal(PaymentOutcome.Charged, paid.Outcome);
        return (ownerId, paid.TransactionId!);
    }

    private IWalletGrain Wallet(string ownerId) => cloud.Services.GetRequiredService<IGrainFactory>().GetGrain<IWalletGrain>(ownerId);

    private static async Task<HttpResponseMessage> RefundAsync(HttpClient merchant, string paymentId, string key, long amount)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/merchant/payments/{paymentId}/refunds")
        {
            Content = JsonContent.Create(new { amount }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await merchant.SendAsync(request);
    }
}
