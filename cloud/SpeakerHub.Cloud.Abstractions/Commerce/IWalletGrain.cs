namespace SpeakerHub.Cloud.Abstractions.Commerce;

/// <summary>
/// One owner's wallet (key: owner id): the front for every movement of the owner's money. The balance
/// lives in the ledger's relational tables; this grain keeps the payment PIN's hash, the wrong-PIN count
/// and the owner's limits, and serialises the owner's payments.
/// </summary>
[Alias("SpeakerHub.IWalletGrain")]
public interface IWalletGrain : IGrainWithStringKey
{
    [Alias("GetSummary")]
    Task<WalletSummary> GetSummary();

    /// <summary>
    /// Sets the 4-digit payment PIN; when one is set already, <paramref name="currentPin"/> must match it
    /// (a wrong one counts as a wrong PIN). Only a salted slow hash is kept.
    /// </summary>
    [Alias("SetPin")]
    Task SetPin(string pin, string? currentPin);

    /// <summary>Lowers or raises the owner's limits, within the deployment's ceilings.</summary>
    [Alias("SetLimits")]
    Task<WalletSummary> SetLimits(long paymentLimit, long dailyLimit);

    /// <summary>Adds money; the same <paramref name="idempotencyKey"/> never adds twice.</summary>
    [Alias("TopUp")]
    Task<LedgerReceipt> TopUp(string idempotencyKey, long amount);

    /// <summary>Pays a merchant once the PIN matches and the limits and balance allow.</summary>
    [Alias("Pay")]
    Task<PaymentResult> Pay(PaymentRequest request);

    /// <summary>
    /// Gives back up to what is left of one of this wallet's payments to <paramref name="merchantId"/>
    /// (a partial refund leaves the rest refundable); the same <paramref name="idempotencyKey"/> never
    /// refunds twice. Asked by the merchant that was paid, never by anyone else.
    /// </summary>
    [Alias("Refund")]
    Task<LedgerReceipt> Refund(string merchantId, string paymentTransactionId, string idempotencyKey, long amount);

    /// <summary>The newest <paramref name="limit"/> movements of the wallet, newest first.</summary>
    [Alias("GetStatement")]
    Task<IReadOnlyList<StatementLine>> GetStatement(int limit);
}
