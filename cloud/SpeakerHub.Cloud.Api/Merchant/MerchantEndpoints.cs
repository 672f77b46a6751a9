using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Api.Admin;
using SpeakerHub.Cloud.Api.Owner;

namespace SpeakerHub.Cloud.Api.Merchant;

/// <summary>
/// <c>/api/merchant</c>: a merchant's own money, signed in with a merchant API key — its profile and
/// balance, the payments it received, refunds (named by an <c>Idempotency-Key</c> header) and the
/// settlement report. A merchant never sees another merchant's payments: they answer 404.
/// </summary>
public static class MerchantEndpoints
{
    private static readonly TimeSpan DefaultSettlementPeriod = TimeSpan.FromDays(1);

    public static IEndpointRouteBuilder MapMerchantApi(this IEndpointRouteBuilder routes)
    {
        var merchant = routes.MapGroup("/api/merchant")
            .RequireAuthorization(MerchantKeyAuthenticationHandler.PolicyName)
            .AddEndpointFilter<RequestValidationFilter>()
            .WithTags("Merchant")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        merchant.MapGet("", GetMerchant)
            .WithName("GetMerchant")
            .WithSummary("The signed-in merchant: name and what its account holds.");
        merchant.MapGet("/payments", ListPayments)
            .WithName("ListMerchantPayments")
            .WithSummary("The newest payments in and refunds out, newest first.");
        merchant.MapPost("/payments/{transactionId}/refunds", Refund)
            .WithName("RefundPayment")
            .WithSummary("Refunds part or all of a payment to the wallet that paid; an Idempotency-Key header makes a retry safe.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        merchant.MapGet("/settlement", Settlement)
            .WithName("GetMerchantSettlement")
            .WithSummary("Payments, refunds and the net owed to the merchant in [from, to) (default: the last 24 hours).");
        return routes;
    }

    private static async Task<Ok<MerchantView>> GetMerchant(ClaimsPrincipal user, IGrainFactory grains)
    {
        var merchant = Merchant(grains, user);
        var profile = await merchant.GetProfile() ?? throw new CommerceNotFoundException("The merchant no longer exists.");
        var now = DateTimeOffset.UtcNow;
        var settlement = await merchant.GetSettlement(now.AddDays(-1), now);
        return TypedResults.Ok(new MerchantView(profile.MerchantId, profile.Name, profile.CreatedAt, settlement.Currency, settlement.Balance));
    }

    private static async Task<Results<Ok<StatementLineView[]>, ValidationProblem>> ListPayments(
        ClaimsPrincipal user, IGrainFactory grains, int? limit)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 500."] });
        }

        var lines = await Merchant(grains, user).GetStatement(limit ?? 50);
        return TypedResults.Ok(lines.Select(StatementLineView.From).ToArray());
    }

    private static async Task<Results<Created<RefundView>, Ok<RefundView>, ValidationProblem>> Refund(
        ClaimsPrincipal user,
        IGrainFactory grains,
        string transactionId,
        [FromHeader(Name = WalletEndpoints.IdempotencyKeyHeader)] string? idempotencyKey,
        RefundRequest request)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > TopUpRequest.MaxIdempotencyKeyLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [WalletEndpoints.IdempotencyKeyHeader] = [$"Required header, 1..{TopUpRequest.MaxIdempotencyKeyLength} characters naming this refund."],
            });
        }

        var receipt = await Merchant(grains, user).Refund(transactionId, idempotencyKey, request.Amount!.Value);
        var view = new RefundView(receipt.TransactionId, transactionId, receipt.Amount, receipt.Replayed, receipt.At);
        return receipt.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/merchant/payments/{transactionId}", view);
    }

    private static async Task<Results<Ok<SettlementReport>, ValidationProblem>> Settlement(
        ClaimsPrincipal user, IGrainFactory grains, DateTimeOffset? from, DateTimeOffset? to)
    {
        var end = to ?? DateTimeOffset.UtcNow;
        var start = from ?? end - DefaultSettlementPeriod;
        if (end <= start)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["Must be after 'from'."] });
        }

        return TypedResults.Ok(await Merchant(grains, user).GetSettlement(start, end));
    }

    private static IMerchantGrain Merchant(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IMerchantGrain>(user.MerchantId());
}

public sealed record RefundRequest(long? Amount) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate() =>
        Amount is > 0 ? [] : new() { ["amount"] = ["Required, a whole number of minor units (cents) above 0."] };
}

public sealed record RefundView(string TransactionId, string PaymentTransactionId, long Amount, bool Replayed, DateTimeOffset At);

public sealed record MerchantView(string Id, string Name, DateTimeOffset CreatedAt, string Currency, long Balance);

public sealed record MerchantKeyView(string MerchantId, string KeyId, string ApiKey, DateTimeOffset CreatedAt);

public sealed record CreateMerchantRequest(string? Name) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate() =>
        string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > IMerchantGrain.MaxNameLength
            ? new() { ["name"] = [$"Required, 1..{IMerchantGrain.MaxNameLength} characters."] }
            : [];
}
