using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Grains.Accounts;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Commerce;

public sealed class MerchantGrain(
    [PersistentState("merchant", "devices")] IPersistentState<MerchantState> stored,
    Ledger ledger,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ILogger<MerchantGrain> logger) : Grain, IMerchantGrain
{
    private string MerchantId => this.GetPrimaryKeyString();

    private MerchantState State => stored.State;

    public async Task<IssuedApiKey> Create(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > IMerchantGrain.MaxNameLength)
        {
            throw CommerceRejectedException.Invalid($"A merchant's name is 1..{IMerchantGrain.MaxNameLength} characters.");
        }

        if (!OwnerApiKey.IsValidOwnerId(MerchantId))
        {
            throw CommerceRejectedException.Invalid($"'{MerchantId}' cannot be a merchant id.");
        }

        if (State.IsCreated)
        {
            throw CommerceRejectedException.Conflict($"Merchant '{MerchantId}' already exists.");
        }

        var now = time.GetUtcNow();
        var (key, issued) = ApiKeyRing.NewKey(MerchantId, now);
        stored.State = new MerchantState { Name = name.Trim(), CreatedAt = now, Keys = [key] };
        await stored.WriteOrDeactivateAsync(DeactivateOnIdle);
        logger.LogInformation("Created merchant {MerchantId}", MerchantId);
        return issued;
    }

    public Task<MerchantProfile?> GetProfile() =>
        Task.FromResult(State.IsCreated ? new MerchantProfile(MerchantId, State.Name, State.CreatedAt) : null);

    public Task<bool> VerifyKey(string secret) => Task.FromResult(ApiKeyRing.Verify(State.Keys, secret));

    public async Task<SettlementReport> GetSettlement(DateTimeOffset from, DateTimeOffset to)
    {
        EnsureCreated();
        if (to <= from)
        {
            throw CommerceRejectedException.Invalid("A settlement period ends after it starts.");
        }

        var (payments, gross, refunds, refunded, balance) = await ledger.SettlementAsync(Account, from, to);
        return new SettlementReport(MerchantId, options.Value.Currency, from, to, payments, gross, refunds, refunded, gross - refunded, balance);
    }

    public async Task<IReadOnlyList<StatementLine>> GetStatement(int limit)
    {
        EnsureCreated();
        return await ledger.StatementAsync(Account, Math.Clamp(limit, 1, 500));
    }

    public async Task<LedgerReceipt> Refund(string paymentTransactionId, string idempotencyKey, long amount)
    {
        EnsureCreated();
        var payment = string.IsNullOrEmpty(paymentTransactionId) ? null : await ledger.FindByIdAsync(paymentTransactionId);
        if (payment is null || payment.Kind != LedgerTransactionKind.Payment || payment.Credit != Account)
        {
            throw new CommerceNotFoundException($"Merchant '{MerchantId}' has no payment '{paymentTransactionId}'.");
        }

        var ownerId = LedgerAccounts.Holder(payment.Debit);
        return await GrainFactory.GetGrain<IWalletGrain>(ownerId).Refund(MerchantId, paymentTransactionId, idempotencyKey, amount);
    }

    private string Account => LedgerAccounts.Merchant(MerchantId);

    private void EnsureCreated()
    {
        if (!State.IsCreated)
        {
            throw new CommerceNotFoundException($"Merchant '{MerchantId}' does not exist.");
        }
    }
}

[GenerateSerializer, Alias("SpeakerHub.MerchantState")]
public sealed class MerchantState
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(2)]
    public List<StoredApiKey> Keys { get; set; } = [];

    public bool IsCreated => Name.Length > 0;
}
