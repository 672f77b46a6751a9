using SpeakerHub.Cloud.Abstractions.Accounts;

namespace SpeakerHub.Cloud.Abstractions.Commerce;

/// <summary>
/// A merchant account (key: merchant id, <c>mer-</c> + 12 base32 characters when generated): its name
/// and the API keys it signs in to <c>/api/merchant</c> with, in the owner key format
/// <c>{merchantId}.{secret}</c>. Only hashes of the keys are kept.
/// </summary>
[Alias("SpeakerHub.IMerchantGrain")]
public interface IMerchantGrain : IGrainWithStringKey
{
    const int MaxNameLength = 100;

    /// <summary>Creates the merchant with its first key; fails with <see cref="CommerceRejectedException"/> (conflict) if it exists.</summary>
    [Alias("Create")]
    Task<IssuedApiKey> Create(string name);

    [Alias("GetProfile")]
    Task<MerchantProfile?> GetProfile();

    /// <summary>Whether <paramref name="secret"/> is one of the merchant's keys, in time that does not tell which.</summary>
    [Alias("VerifyKey")]
    Task<bool> VerifyKey(string secret);

    /// <summary>Payments into and refunds out of the merchant's account in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    [Alias("GetSettlement")]
    Task<SettlementReport> GetSettlement(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The newest movements of the merchant's account (payments in, refunds out), newest first.</summary>
    [Alias("GetStatement")]
    Task<IReadOnlyList<StatementLine>> GetStatement(int limit);

    /// <summary>
    /// Refunds up to what is left of one of this merchant's payments to the wallet that paid it; the same
    /// <paramref name="idempotencyKey"/> never refunds twice. A payment to another merchant is unknown here.
    /// </summary>
    [Alias("Refund")]
    Task<LedgerReceipt> Refund(string paymentTransactionId, string idempotencyKey, long amount);
}

[GenerateSerializer, Immutable, Alias("SpeakerHub.MerchantProfile")]
public sealed record MerchantProfile(
    [property: Id(0)] string MerchantId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt);

public static class MerchantIds
{
    private const string Prefix = "mer-";
    private const int Length = 12;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New() => Prefix + System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, Length);
}
