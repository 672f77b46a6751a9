namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>
/// Money rules of the deployment (configuration section "Commerce"). Amounts are minor units (cents) of
/// the one <see cref="Currency"/>. Owners choose their own limits up to the ceilings here.
/// </summary>
public sealed class CommerceOptions
{
    public const string SectionName = "Commerce";

    /// <summary>ISO 4217 code of every amount.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>A new wallet's limit for one payment.</summary>
    public long DefaultPaymentLimit { get; set; } = 100_00;

    /// <summary>A new wallet's limit for the payments of one UTC day.</summary>
    public long DefaultDailyLimit { get; set; } = 300_00;

    /// <summary>The highest limit for one payment an owner may choose.</summary>
    public long MaxPaymentLimit { get; set; } = 1_000_00;

    /// <summary>The highest daily limit an owner may choose.</summary>
    public long MaxDailyLimit { get; set; } = 3_000_00;

    /// <summary>The most one top-up may add.</summary>
    public long MaxTopUp { get; set; } = 2_000_00;

    /// <summary>Wrong PINs in a row that lock voice payments.</summary>
    public int PinAttempts { get; set; } = 3;

    /// <summary>How long voice payments stay locked after too many wrong PINs.</summary>
    public TimeSpan PinLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2-SHA256 rounds for the PIN hash: slow enough that a stolen table is not a list of PINs.</summary>
    public int PinHashIterations { get; set; } = 210_000;

    internal IEnumerable<string> Problems()
    {
        if (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            yield return $"Currency '{Currency}' is not a three-letter ISO 4217 code such as USD.";
        }

        if (DefaultPaymentLimit <= 0 || DefaultPaymentLimit > MaxPaymentLimit)
        {
            yield return $"DefaultPaymentLimit must be above 0 and at most MaxPaymentLimit ({MaxPaymentLimit}).";
        }

        if (DefaultDailyLimit <= 0 || DefaultDailyLimit > MaxDailyLimit)
        {
            yield return $"DefaultDailyLimit must be above 0 and at most MaxDailyLimit ({MaxDailyLimit}).";
        }

        if (MaxTopUp <= 0)
        {
            yield return "MaxTopUp must be above 0.";
        }

        if (PinAttempts < 1)
        {
            yield return "PinAttempts must be at least 1.";
        }

        if (PinLockout <= TimeSpan.Zero)
        {
            yield return "PinLockout must be longer than zero.";
        }

        if (PinHashIterations < 1_000)
        {
            yield return "PinHashIterations must be at least 1000.";
        }
    }
}
