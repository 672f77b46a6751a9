using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

// Request bodies of /api/owner/wallet; RequestValidationFilter answers 400 with their field errors first.
// Amounts are whole minor units (cents); the wallet checks them against the deployment's ceilings.

public sealed record TopUpRequest(long? Amount) : IValidatedRequest
{
    public const int MaxIdempotencyKeyLength = 100;

    public Dictionary<string, string[]> Validate() =>
        Amount is > 0 ? [] : new() { ["amount"] = ["Required, a whole number of minor units (cents) above 0."] };
}

public sealed record SetPinRequest(string? Pin, string? CurrentPin) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsPin(Pin))
        {
            errors["pin"] = ["Required, exactly 4 digits."];
        }

        if (CurrentPin is not null && !IsPin(CurrentPin))
        {
            errors["currentPin"] = ["Exactly 4 digits, or omitted when no PIN is set yet."];
        }

        return errors;
    }

    private static bool IsPin(string? pin) => pin is { Length: 4 } && pin.All(char.IsAsciiDigit);
}

public sealed record WalletLimitsRequest(long? PaymentLimit, long? DailyLimit) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (PaymentLimit is not > 0)
        {
            errors["paymentLimit"] = ["Required, minor units above 0."];
        }

        if (DailyLimit is not > 0)
        {
            errors["dailyLimit"] = ["Required, minor units above 0."];
        }
        else if (PaymentLimit is > 0 && DailyLimit < PaymentLimit)
        {
            errors["dailyLimit"] = ["At least the payment limit."];
        }

        return errors;
    }
}

public sealed record WalletView(
    string Currency, long Balance, long PaymentLimit, long DailyLimit, long SpentToday, bool PinSet, DateTimeOffset? PaymentsLockedUntil)
{
    public static WalletView From(WalletSummary summary) => new(
        summary.Currency, summary.Balance, summary.PaymentLimit, summary.DailyLimit, summary.SpentToday, summary.PinSet, summary.LockedUntil);
}

public sealed record TopUpView(string TransactionId, long Amount, long Balance, bool Replayed, DateTimeOffset At);

public sealed record StatementLineView(string TransactionId, string Kind, long Change, string Counterparty, string? Reference, DateTimeOffset At)
{
    public static StatementLineView From(StatementLine line) => new(
        line.TransactionId,
        line.Kind switch
        {
            LedgerTransactionKind.TopUp => "top-up",
            LedgerTransactionKind.Payment => "payment",
            _ => "refund",
        },
        line.Change,
        line.Counterparty,
        line.Reference,
        line.At);
}
