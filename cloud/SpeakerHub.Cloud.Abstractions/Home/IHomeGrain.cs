namespace SpeakerHub.Cloud.Abstractions.Home;

/// <summary>
/// The smart-home appliances of one owner (key: owner id), each of some brand, by name and room.
/// Every speaker of the owner controls them by voice; the owner manages them through the API.
/// </summary>
[Alias("SpeakerHub.IHomeGrain")]
public interface IHomeGrain : IGrainWithStringKey
{
    /// <summary>Every appliance with its last known state, in registration order.</summary>
    [Alias("List")]
    Task<IReadOnlyList<Appliance>> List();

    /// <summary>One appliance with its state read from its brand now.</summary>
    [Alias("Get")]
    Task<Appliance> Get(string applianceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an appliance; its name, room and aliases join the speech vocabulary. Throws
    /// <see cref="ApplianceConflictException"/> for a second appliance of the same name in a room and
    /// <see cref="ApplianceRejectedException"/> for an unknown brand, a kind the brand lacks or an unsayable name.
    /// </summary>
    [Alias("Register")]
    Task<Appliance> Register(ApplianceRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Renames or moves an appliance (same rules as <see cref="Register"/>).</summary>
    [Alias("Update")]
    Task<Appliance> Update(string applianceId, ApplianceUpdate update);

    [Alias("Remove")]
    Task Remove(string applianceId);

    /// <summary>Changes an appliance's state through its brand and returns what the brand reports.</summary>
    [Alias("Apply")]
    Task<Appliance> Apply(string applianceId, ApplianceChange change, CancellationToken cancellationToken = default);
}

/// <summary>
/// The names and rooms every owner registered, one grain for the cluster (key 0), from which each
/// silo's speech vocabulary is rebuilt. <see cref="HomeVocabulary.Version"/> rises with every change.
/// </summary>
[Alias("SpeakerHub.IHomeVocabularyGrain")]
public interface IHomeVocabularyGrain : IGrainWithIntegerKey
{
    /// <summary>The vocabulary, or null when it is still at <paramref name="knownVersion"/> (a cheap poll).</summary>
    [Alias("GetIfNewer")]
    Task<HomeVocabulary?> GetIfNewer(long knownVersion);

    /// <summary>Replaces the words one owner contributes and returns the resulting vocabulary.</summary>
    [Alias("SetOwnerWords")]
    Task<HomeVocabulary> SetOwnerWords(string ownerId, IReadOnlyList<string> applianceNames, IReadOnlyList<string> rooms);
}

/// <summary>Every registered appliance name (and alias) and room across owners, normalized and sorted.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.HomeVocabulary")]
public sealed record HomeVocabulary(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<string> ApplianceNames,
    [property: Id(2)] IReadOnlyList<string> Rooms)
{
    public static HomeVocabulary Empty { get; } = new(0, [], []);
}

public static class HomeGrainFactoryExtensions
{
    /// <summary>The vocabulary is a singleton under this key.</summary>
    public const long VocabularyKey = 0;

    public static IHomeGrain GetHome(this IGrainFactory grains, string ownerId) => grains.GetGrain<IHomeGrain>(ownerId);

    public static IHomeVocabularyGrain GetHomeVocabulary(this IGrainFactory grains) =>
        grains.GetGrain<IHomeVocabularyGrain>(VocabularyKey);
}
