namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>
/// One intent of a skill: its name, the sentences that express it and the slots they reference.
/// Samples are the single source of truth for both the text matcher and the speech grammar;
/// <c>{name}</c> in a sample is a slot declared in <see cref="Slots"/>.
/// </summary>
/// <param name="AnswerOnly">
/// Only meaningful as the answer to a question the dialog asked ("five minutes" after "For how long?",
/// "yes", "the kitchen one"). Typed text is matched against it at any time, but speech only listens for
/// it while a question is open: fragments like these would otherwise catch stray speech.
/// </param>
public sealed record IntentDefinition(
    string Name,
    IReadOnlyList<string> SampleUtterances,
    IReadOnlyDictionary<string, SlotType>? Slots = null,
    bool AnswerOnly = false)
{
    public IReadOnlyDictionary<string, SlotType> Slots { get; } = Slots ?? new Dictionary<string, SlotType>();
}
