namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>
/// Everything the installed skills can understand at one moment: their intents with sample utterances
/// and slot types. Immutable; a change (a skill or a smart-home device registered) makes a new model
/// with a higher <see cref="Version"/>, from which the matcher and the speech grammar are rebuilt.
/// </summary>
public sealed class InteractionModel
{
    public InteractionModel(long version, IReadOnlyList<IntentDefinition> intents)
    {
        Version = version;
        Intents = intents;
        Matcher = new IntentMatcher(intents);
    }

    public long Version { get; }

    public IReadOnlyList<IntentDefinition> Intents { get; }

    /// <summary>The text matcher for exactly this model (typed text and ASR transcripts).</summary>
    public IntentMatcher Matcher { get; }
}

/// <summary>Where the current interaction model comes from; raises <see cref="Changed"/> with each new one.</summary>
public interface IInteractionModelSource
{
    InteractionModel Current { get; }

    event Action<InteractionModel>? Changed;
}
