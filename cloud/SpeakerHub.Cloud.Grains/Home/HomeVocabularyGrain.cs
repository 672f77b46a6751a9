using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Home;

[GenerateSerializer, Alias("SpeakerHub.HomeVocabularyState")]
public sealed class HomeVocabularyState
{
    [Id(0)]
    public long Version { get; set; }

    /// <summary>Per owner, so a word leaves the vocabulary when the last owner using it drops it.</summary>
    [Id(1)]
    public Dictionary<string, OwnerWords> Owners { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Immutable, Alias("SpeakerHub.OwnerWords")]
public sealed record OwnerWords(
    [property: Id(0)] IReadOnlyList<string> ApplianceNames,
    [property: Id(1)] IReadOnlyList<string> Rooms);

/// <summary>
/// The cluster's registered smart-home words (key 0). One grain keeps every owner's words, which
/// is small (a few words per home) and read only by each silo's poll; a very large fleet would
/// shard it by owner and merge the shards' versions.
/// </summary>
public sealed class HomeVocabularyGrain(
    [PersistentState("vocabulary", SkillStorage.Name)] IPersistentState<HomeVocabularyState> stored,
    HomeVocabularyCache cache) : Grain, IHomeVocabularyGrain
{
    private HomeVocabulary? current;

    private HomeVocabulary Current => current ??= Union(stored.State);

    public Task<HomeVocabulary?> GetIfNewer(long knownVersion) =>
        Task.FromResult(Current.Version > knownVersion ? Current : null);

    public async Task<HomeVocabulary> SetOwnerWords(string ownerId, IReadOnlyList<string> applianceNames, IReadOnlyList<string> rooms)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var words = new OwnerWords(Sorted(applianceNames), Sorted(rooms));
        var state = stored.State;
        if (state.Owners.TryGetValue(ownerId, out var previous) && SameWords(previous, words))
        {
            return Current;
        }

        if (words.ApplianceNames.Count == 0 && words.Rooms.Count == 0)
        {
            state.Owners.Remove(ownerId);
        }
        else
        {
            state.Owners[ownerId] = words;
        }

        var union = Union(state);
        if (!SameWords(new OwnerWords(union.ApplianceNames, union.Rooms), new OwnerWords(Current.ApplianceNames, Current.Rooms)))
        {
            state.Version++;
        }

        try
        {
            await stored.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        current = union with { Version = state.Version };
        cache.Offer(current);
        return current;
    }

    private static HomeVocabulary Union(HomeVocabularyState state) => new(
        state.Version,
        Sorted(state.Owners.Values.SelectMany(words => words.ApplianceNames)),
        Sorted(state.Owners.Values.SelectMany(words => words.Rooms)));

    private static string[] Sorted(IEnumerable<string> words) =>
        words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private static bool SameWords(OwnerWords left, OwnerWords right) =>
        left.ApplianceNames.SequenceEqual(right.ApplianceNames, StringComparer.Ordinal)
        && left.Rooms.SequenceEqual(right.Rooms, StringComparer.Ordinal);
}
