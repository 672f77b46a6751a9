using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>
/// <c>/api/owner/wallet</c>: the owner's money for voice payments — balance and limits, top-ups (each
/// named by an <c>Idempotency-Key</c> header so a retried request never adds twice), the payment PIN
/// and the statement. Payments themselves are made by voice.
/// </summary>
public static class WalletEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapWalletEndpoints(this RouteGroupBuilder owner)
    {
        var wallet = owner.MapGroup("/wallet")
            .AddEndpointFilter<RequestValidationFilter>()
            .WithTags("Wallet");
        wallet.MapGet("", GetWallet)
            .WithName("GetWallet")
            .WithSummary("Balance, limits, what was spent today and whether payments are locked.");
        wallet.MapPost("/top-ups", TopUp)
            .WithName("TopUpWallet")
            .WithSummary("Adds money. Send an Idempotency-Key header: a repeat with the same key returns the first top-up.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        wallet.MapPut("/pin", SetPin)
            .WithName("SetPaymentPin")
            .WithSummary("Sets the 4-digit PIN spoken to confirm payments; changing it needs the current one.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        wallet.MapPut("/limits", SetLimits)
            .WithName("SetWalletLimits")
            .WithSummary("Sets the most one payment and one day's payments may take.")
            .ProducesValidationProblem();
        wallet.MapGet("/transactions", ListTransactions)
            .WithName("ListWalletTransactions")
            .WithSummary("The newest movements of the wallet, newest first.");
        return owner;
    }

    private static async Task<Ok<WalletView>> GetWallet(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(WalletView.From(await Wallet(grains, user).GetSummary()));

    private static async Task<Results<Created<TopUpView>, Ok<TopUpView>, ValidationProblem>> TopUp(
        ClaimsPrincipal user,
        IGrainFactory grains,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        TopUpRequest request)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > TopUpRequest.MaxIdempotencyKeyLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = [$"Required header, 1..{TopUpRequest.MaxIdempotencyKeyLength} characters naming this top-up (e.g. a UUID)."],
            });
        }

        var receipt = await Wallet(grains, user).TopUp(idempotencyKey, request.Amount!.Value);
        var view = new TopUpView(receipt.TransactionId, receipt.Amount, receipt.Balance, receipt.Replayed, receipt.At);
        return receipt.Replayed ? TypedResults.Ok(view) : TypedResults.Created("/api/owner/wallet", view);
    }

    private static async Task<NoContent> SetPin(ClaimsPrincipal user, IGrainFactory grains, SetPinRequest request)
    {
        await Wallet(grains, user).SetPin(request.Pin!, request.CurrentPin);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WalletView>> SetLimits(ClaimsPrincipal user, IGrainFactory grains, WalletLimitsRequest request) =>
        TypedResults.Ok(WalletView.From(await Wallet(grains, user).SetLimits(request.PaymentLimit!.Value, request.DailyLimit!.Value)));

    private static async Task<Results<Ok<StatementLineView[]>, ValidationProblem>> ListTransactions(
        ClaimsPrincipal user, IGrainFactory grains, int? limit)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 500."] });
        }

        var lines = await Wallet(grains, user).GetStatement(limit ?? 50);
        return TypedResults.Ok(lines.Select(StatementLineView.From).ToArray());
    }

    private static IWalletGrain Wallet(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IWalletGrain>(user.OwnerId());
}
