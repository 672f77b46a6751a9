using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>The room and appliance slots of one moment: the base vocabulary plus every registered word.</summary>
public sealed record HomeSlots(long Version, SlotType Rooms, SlotType Appliances);

/// <summary>
/// This silo's copy of the cluster's <see cref="IHomeVocabularyGrain"/>, as slot types the home skill
/// builds its intents from. Offered new words by the home grains of this silo at once and by
/// <see cref="HomeVocabularyRefresh"/> polling for other silos' changes; raises
/// <see cref="Changed"/> so the catalog publishes a new interaction model.
/// </summary>
public sealed class HomeVocabularyCache : IVocabularySource
{
    public const string RoomSlot = "room";
    public const string ApplianceSlot = "appliance";

    private readonly Lock gate = new();
    private HomeSlots current = Build(HomeVocabulary.Empty);

    public event Action? Changed;

    public long Version => Current.Version;

    public HomeSlots Current => Volatile.Read(ref current);

    /// <summary>Takes <paramref name="vocabulary"/> if it is newer than what this silo has; true when it was.</summary>
    public bool Offer(HomeVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        lock (gate)
        {
            if (vocabulary.Version <= current.Version)
            {
                return false;
            }

            Volatile.Write(ref current, Build(vocabulary));
        }

        Changed?.Invoke();
        return true;
    }

    private static HomeSlots Build(HomeVocabulary vocabulary) => new(
        vocabulary.Version,
        new SlotType(RoomSlot, Merge(BaseHomeVocabulary.Rooms, vocabulary.Rooms)),
        new SlotType(ApplianceSlot, Merge(BaseHomeVocabulary.Appliances, vocabulary.ApplianceNames)));

    /// <summary>
    /// Registered words stand for themselves; one the base already has keeps the base's meaning, and
    /// per-owner aliases are resolved by the home skill, so owners never fight over a phrase.
    /// </summary>
    private static IEnumerable<SlotValue> Merge(IReadOnlyList<SlotValue> baseValues, IReadOnlyList<string> registered)
    {
        var known = baseValues.SelectMany(value => value.Phrases).ToHashSet(StringComparer.Ordinal);
        return baseValues.Concat(registered.Where(phrase => !known.Contains(phrase)).Select(phrase => new SlotValue(phrase)));
    }
}
