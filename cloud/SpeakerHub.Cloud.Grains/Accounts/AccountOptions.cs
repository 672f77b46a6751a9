namespace SpeakerHub.Cloud.Grains.Accounts;

/// <summary>Limits of owner accounts (configuration section "Accounts").</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>
    /// Keys an owner may hold at once: enough for a phone, a console and one in rotation, few enough
    /// that verification (which compares against every key) stays cheap.
    /// </summary>
    public int MaxApiKeysPerOwner { get; set; } = 5;

    internal IEnumerable<string> Problems()
    {
        if (MaxApiKeysPerOwner < 1)
        {
            yield return "MaxApiKeysPerOwner must be at least 1.";
        }
    }
}
