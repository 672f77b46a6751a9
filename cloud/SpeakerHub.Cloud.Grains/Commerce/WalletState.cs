namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>A wallet's settings; the money itself is in the ledger.</summary>
[GenerateSerializer, Alias("SpeakerHub.WalletState")]
public sealed class WalletState
{
    [Id(0)]
    public StoredPin? Pin { get; set; }

    [Id(1)]
    public int WrongPins { get; set; }

    [Id(2)]
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Zero until the owner chooses one: the deployment's default applies.</summary>
    [Id(3)]
    public long PaymentLimit { get; set; }

    [Id(4)]
    public long DailyLimit { get; set; }
}
