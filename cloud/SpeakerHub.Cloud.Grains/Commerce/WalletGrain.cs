using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>
/// The owner's wallet. One activation per owner serialises the owner's payments, so the PIN count and
/// the daily limit see every payment in order; the ledger's unique keys make each movement exactly-once
/// even across restarts and duplicated deliveries. The PIN is never logged, not even its length.
/// </summary>
public sealed class WalletGrain(
    [PersistentState("wallet", "devices")] IPersistentState<WalletState> stored,
    Ledger ledger,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ILogger<WalletGrain> logger) : Grain, IWalletGrain
{
    /// <summary>Longest idempotency key or reference accepted: room for a UUID and a prefix, not for a document.</summary>
    public const int MaxKeyLength = 100;

    private bool ownerKnown;

    private string OwnerId => this.GetPrimaryKeyString();

    private string Account => LedgerAccounts.Wallet(OwnerId);

    private WalletState State => stored.State;

    private CommerceOptions Rules => options.Value;

    private long PaymentLimit => State.PaymentLimit > 0 ? State.PaymentLimit : Rules.DefaultPaymentLimit;

    private long DailyLimit => State.DailyLimit > 0 ? State.DailyLimit : Rules.DefaultDailyLimit;

    public async Task<WalletSummary> GetSummary()
    {
        await EnsureOwnerAsync();
        var now = time.GetUtcNow();
        return new WalletSummary(
            OwnerId,
            Rules.Currency,
            await ledger.BalanceAsync(Account),
            PaymentLimit,
            DailyLimit,
            await ledger.DebitedSinceAsync(Account, LedgerTransactionKind.Payment, DayStart(now)),
            State.Pin is not null,
            IsLocked(now) ? State.LockedUntil : null);
    }

    public async Task SetPin(string pin, string? currentPin)
    {
        await EnsureOwnerAsync();
        if (!PaymentPin.IsWellFormed(pin))
        {
            throw CommerceRejectedException.Invalid($"A payment PIN is exactly {PaymentPin.Length} digits.");
        }

        var now = time.GetUtcNow();
        if (State.Pin is not null)
        {
            if (IsLocked(now))
            {
                throw CommerceRejectedException.Conflict($"Payments are locked after too many wrong PINs until {State.LockedUntil:u}.");
            }

            if (!PaymentPin.Matches(State.Pin, currentPin))
            {
                var (_, locked) = await CountWrongPinAsync(now);
                throw CommerceRejectedException.Conflict(locked
                    ? $"The current PIN is wrong; payments are locked until {State.LockedUntil:u}."
                    : "The current PIN is wrong.");
            }
        }

        State.Pin = PaymentPin.Hash(pin, Rules.PinHashIterations);
        State.WrongPins = 0;
        State.LockedUntil = null;
        await Persist();
        logger.LogInformation("Owner {OwnerId} set a payment PIN", OwnerId);
    }

    public async Task<WalletSummary> SetLimits(long paymentLimit, long dailyLimit)
    {
        await EnsureOwnerAsync();
        if (paymentLimit <= 0 || paymentLimit > Rules.MaxPaymentLimit)
        {
            throw CommerceRejectedException.Invalid($"The payment limit must be between 1 and {Rules.MaxPaymentLimit}.");
        }

        if (dailyLimit < paymentLimit || dailyLimit > Rules.MaxDailyLimit)
        {
            throw CommerceRejectedException.Invalid(
                $"The daily limit must be at least the payment limit ({paymentLimit}) and at most {Rules.MaxDailyLimit}.");
        }

        State.PaymentLimit = paymentLimit;
        State.DailyLimit = dailyLimit;
        await Persist();
        return await GetSummary();
    }

    public async Task<LedgerReceipt> TopUp(string idempotencyKey, long amount)
    {
        await EnsureOwnerAsync();
        CheckKey(idempotencyKey);
        if (amount <= 0 || amount > Rules.MaxTopUp)
        {
            throw CommerceRejectedException.Invalid($"A top-up is between 1 and {Rules.MaxTopUp} (minor units of {Rules.Currency}).");
        }

        var result = await ledger.PostAsync(new Posting(
            $"top-up:{OwnerId}:{idempotencyKey}", LedgerTransactionKind.TopUp, LedgerAccounts.TopUpSource, Account, amount));
        return Receipt(result, amount, result.CreditBalance, "top-up");
    }

    public async Task<PaymentResult> Pay(PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureOwnerAsync();
        CheckKey(request.IdempotencyKey);
        if (string.IsNullOrWhiteSpace(request.MerchantId) || request.MerchantId.Length > MaxKeyLength)
        {
            throw CommerceRejectedException.Invalid("A payment names the merchant it pays.");
        }

        if (request.Amount <= 0)
        {
            throw CommerceRejectedException.Invalid("A payment is for more than nothing.");
        }

        if (request.Reference is null || request.Reference.Length > MaxKeyLength)
        {
            throw CommerceRejectedException.Invalid($"A payment's reference is at most {MaxKeyLength} characters.");
        }

        var posting = new Posting(
            $"payment:{OwnerId}:{request.IdempotencyKey}",
            LedgerTransactionKind.Payment,
            Account,
            LedgerAccounts.Merchant(request.MerchantId),
            request.Amount,
            request.Reference,
            RequireFunds: true,
            DailyLimit: DailyLimit);

        // A repeat of a payment that went through is answered from the ledger before the PIN is
        // looked at: the first delivery proved the PIN, and a duplicate must not count as a try.
        var earlier = await ledger.FindAsync(posting.IdempotencyKey);
        if (earlier is not null)
        {
            var replay = await ledger.PostAsync(posting);
            return replay.Status == PostingStatus.Replayed
                ? Result(PaymentOutcome.Charged, replay.TransactionId, replay.DebitBalance, replayed: true)
                : throw KeyReused(request.IdempotencyKey);
        }

        var now = time.GetUtcNow();
        if (State.Pin is null)
        {
            return Result(PaymentOutcome.PinNotSet, null, await ledger.BalanceAsync(Account));
        }

        if (IsLocked(now))
        {
            return Result(PaymentOutcome.Locked, null, await ledger.BalanceAsync(Account));
        }

        if (!PaymentPin.Matches(State.Pin, request.Pin))
        {
            var (left, locked) = await CountWrongPinAsync(now);
            logger.LogInformation("Owner {OwnerId}: wrong payment PIN, {Left} tries left", OwnerId, left);
            return Result(locked ? PaymentOutcome.Locked : PaymentOutcome.WrongPin, null, await ledger.BalanceAsync(Account), left);
        }

        if (State.WrongPins != 0)
        {
            State.WrongPins = 0;
            await Persist();
        }

        if (request.Amount > PaymentLimit)
        {
            return Result(PaymentOutcome.OverPaymentLimit, null, await ledger.BalanceAsync(Account));
        }

        var posted = await ledger.PostAsync(posting with { DayStart = DayStart(now) });
        var outcome = posted.Status switch
        {
            PostingStatus.Posted or PostingStatus.Replayed => PaymentOutcome.Charged,
            PostingStatus.InsufficientFunds => PaymentOutcome.InsufficientFunds,
            PostingStatus.OverDailyLimit => PaymentOutcome.OverDailyLimit,
            PostingStatus.KeyReused => throw KeyReused(request.IdempotencyKey),
            _ => throw new InvalidOperationException($"A payment cannot end as {posted.Status}."),
        };
        if (posted.Status == PostingStatus.Posted)
        {
            logger.LogInformation(
                "Owner {OwnerId} paid {Amount} to merchant {MerchantId} for {Reference} ({TransactionId})",
                OwnerId, request.Amount, request.MerchantId, request.Reference, posted.TransactionId);
        }

        return Result(outcome, posted.Moved ? posted.TransactionId : null, posted.DebitBalance, replayed: posted.Status == PostingStatus.Replayed);
    }

    public async Task<LedgerReceipt> Refund(string merchantId, string paymentTransactionId, string idempotencyKey, long amount)
    {
        await EnsureOwnerAsync();
        CheckKey(idempotencyKey);
        if (amount <= 0)
        {
            throw CommerceRejectedException.Invalid("A refund is for more than nothing.");
        }

        var payment = await ledger.FindByIdAsync(paymentTransactionId);
        if (payment is null
            || payment.Kind != LedgerTransactionKind.Payment
            || payment.Debit != Account
            || payment.Credit != LedgerAccounts.Merchant(merchantId))
        {
            throw CommerceRejectedException.Invalid($"There is no payment '{paymentTransactionId}' to merchant '{merchantId}' from this wallet.");
        }

        var result = await ledger.PostAsync(new Posting(
            $"refund:{merchantId}:{idempotencyKey}",
            LedgerTransactionKind.Refund,
            payment.Credit,
            Account,
            amount,
            payment.Reference,
            RefundOf: payment.TransactionId));
        if (result.Status == PostingStatus.OverRefundable)
        {
            throw CommerceRejectedException.Conflict(
                $"Refunds of payment '{paymentTransactionId}' would exceed its amount ({payment.Amount}).");
        }

        if (result.Status == PostingStatus.Posted)
        {
            logger.LogInformation(
                "Merchant {MerchantId} refunded {Amount} of {PaymentId} to owner {OwnerId}", merchantId, amount, paymentTransactionId, OwnerId);
        }

        return Receipt(result, amount, result.CreditBalance, "refund");
    }

    public async Task<IReadOnlyList<StatementLine>> GetStatement(int limit)
    {
        await EnsureOwnerAsync();
        return await ledger.StatementAsync(Account, Math.Clamp(limit, 1, 500));
    }

    private static DateTimeOffset DayStart(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    private static void CheckKey(string idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength)
        {
            throw CommerceRejectedException.Invalid($"An idempotency key is 1..{MaxKeyLength} characters.");
        }
    }

    private static CommerceRejectedException KeyReused(string key) =>
        CommerceRejectedException.Conflict($"Idempotency key '{key}' was already used for a different movement of money.");

    private static LedgerReceipt Receipt(PostingResult result, long amount, long balance, string what) => result.Status switch
    {
        PostingStatus.Posted or PostingStatus.Replayed => new LedgerReceipt(
            result.TransactionId!, amount, balance, result.Status == PostingStatus.Replayed, result.At!.Value),
        PostingStatus.KeyReused => throw CommerceRejectedException.Conflict(
            $"That idempotency key was already used for a different {what}."),
        _ => throw CommerceRejectedException.Conflict($"The {what} was refused: {result.Status}."),
    };

    private PaymentResult Result(PaymentOutcome outcome, string? transactionId, long balance, int? attemptsLeft = null, bool replayed = false) =>
        new(
            outcome,
            transactionId,
            balance,
            replayed,
            attemptsLeft ?? Math.Max(0, Rules.PinAttempts - State.WrongPins),
            IsLocked(time.GetUtcNow()) ? State.LockedUntil : null);

    private bool IsLocked(DateTimeOffset now) => State.LockedUntil is { } until && until > now;

    private async Task<(int Left, bool Locked)> CountWrongPinAsync(DateTimeOffset now)
    {
        State.WrongPins++;
        var locked = State.WrongPins >= Rules.PinAttempts;
        if (locked)
        {
            State.WrongPins = 0;
            State.LockedUntil = now + Rules.PinLockout;
            logger.LogWarning("Owner {OwnerId}: payments locked until {Until} after too many wrong PINs", OwnerId, State.LockedUntil);
        }

        await Persist();
        return (locked ? 0 : Rules.PinAttempts - State.WrongPins, locked);
    }

    private async Task EnsureOwnerAsync()
    {
        if (ownerKnown)
        {
            return;
        }

        if (await GrainFactory.GetGrain<IOwnerGrain>(OwnerId).GetProfile() is null)
        {
            throw OwnerNotFoundException.For(OwnerId);
        }

        ownerKnown = true;
    }

    private Task Persist() => stored.WriteOrDeactivateAsync(DeactivateOnIdle);
}
