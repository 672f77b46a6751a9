namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>The ledger's account names: one wallet per owner, one account per merchant, one for money from outside.</summary>
public static class LedgerAccounts
{
    /// <summary>Where top-ups come from (card, bank); its balance is minus all money ever put in.</summary>
    public const string TopUpSource = "external:top-ups";

    public static string Wallet(string ownerId) => "wallet:" + ownerId;

    public static string Merchant(string merchantId) => "merchant:" + merchantId;

    /// <summary>The owner or merchant id behind an account name, for statements.</summary>
    public static string Holder(string account)
    {
        var colon = account.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? account : account[(colon + 1)..];
    }
}
