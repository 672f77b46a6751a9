namespace SpeakerHub.Cloud.Abstractions.Commerce;

/// <summary>
/// A payment the voice dialog asks a wallet to make. <see cref="IdempotencyKey"/> names the payment, not
/// the attempt: a retry or a duplicated message carries the same key and can never charge twice.
/// Amounts are in minor units (cents) of the deployment's one currency.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.PaymentRequest")]
public sealed record PaymentRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string MerchantId,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Reference,
    [property: Id(4)] string Pin);

/// <summary>How a payment ended.</summary>
public enum PaymentOutcome
{
    /// <summary>The wallet was charged (now, or by an earlier delivery of the same payment).</summary>
    Charged,

    /// <summary>The PIN did not match; <see cref="PaymentResult.AttemptsLeft"/> says how many remain before a lock.</summary>
    WrongPin,

    /// <summary>Too many wrong PINs: payments are refused until <see cref="PaymentResult.LockedUntil"/>.</summary>
    Locked,

    /// <summary>The owner never set a payment PIN, so voice payments are off.</summary>
    PinNotSet,

    /// <summary>More than the wallet holds.</summary>
    InsufficientFunds,

    /// <summary>Above the owner's limit for one payment.</summary>
    OverPaymentLimit,

    /// <summary>Would take today's payments above the owner's daily limit.</summary>
    OverDailyLimit,
}

/// <summary>
/// The answer to a <see cref="PaymentRequest"/>. <see cref="Replayed"/> is true when an earlier delivery
/// of the same idempotency key already charged; the receipt is that charge's.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.PaymentResult")]
public sealed record PaymentResult(
    [property: Id(0)] PaymentOutcome Outcome,
    [property: Id(1)] string? TransactionId,
    [property: Id(2)] long Balance,
    [property: Id(3)] bool Replayed,
    [property: Id(4)] int AttemptsLeft,
    [property: Id(5)] DateTimeOffset? LockedUntil)
{
    public bool IsCharged => Outcome == PaymentOutcome.Charged;
}

/// <summary>Money that reached a wallet or left it, as the ledger recorded it.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.LedgerReceipt")]
public sealed record LedgerReceipt(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] long Amount,
    [property: Id(2)] long Balance,
    [property: Id(3)] bool Replayed,
    [property: Id(4)] DateTimeOffset At);

/// <summary>What the owner sees of a wallet.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.WalletSummary")]
public sealed record WalletSummary(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string Currency,
    [property: Id(2)] long Balance,
    [property: Id(3)] long PaymentLimit,
    [property: Id(4)] long DailyLimit,
    [property: Id(5)] long SpentToday,
    [property: Id(6)] bool PinSet,
    [property: Id(7)] DateTimeOffset? LockedUntil);

/// <summary>Kinds of ledger transaction.</summary>
public enum LedgerTransactionKind
{
    TopUp,
    Payment,
    Refund,
}

/// <summary>One line of a wallet or merchant statement: the signed change to that account.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.StatementLine")]
public sealed record StatementLine(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] LedgerTransactionKind Kind,
    [property: Id(2)] long Change,
    [property: Id(3)] string Counterparty,
    [property: Id(4)] string? Reference,
    [property: Id(5)] DateTimeOffset At);

/// <summary>A merchant's takings over a period: gross payments, refunds and what is owed to it.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.SettlementReport")]
public sealed record SettlementReport(
    [property: Id(0)] string MerchantId,
    [property: Id(1)] string Currency,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] int Payments,
    [property: Id(5)] long Gross,
    [property: Id(6)] int Refunds,
    [property: Id(7)] long Refunded,
    [property: Id(8)] long Net,
    [property: Id(9)] long Balance);
