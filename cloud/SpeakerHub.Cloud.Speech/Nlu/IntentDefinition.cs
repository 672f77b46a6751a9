namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>
/// One intent of a skill: its name, the sentences that express it and the slots they reference.
/// Samples are the single source of truth for both the text matcher and the speech grammar;
/// <c>{name}</c> in a sample is a slot declared in <see cref="Slots"/>.
/// </summary>
public sealed record IntentDefinition(
    string Name,
    IReadOnlyList<string> SampleUtterances,
    IReadOnlyDictionary<string, SlotType>? Slots = null)
{
    public IReadOnlyDictionary<string, SlotType> Slots { get; } = Slots ?? new Dictionary<string, SlotType>();
}
