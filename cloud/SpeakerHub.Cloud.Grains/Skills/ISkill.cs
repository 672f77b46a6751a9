namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>A built-in skill: the intents it owns (with their sample utterances) and how it answers them.</summary>
public interface ISkill
{
    /// <summary>
    /// What the skill does, as help says it ("set timers"); null for the dialog's own intents
    /// (stop, yes, no), which are not something to offer.
    /// </summary>
    string? Capability { get; }

    /// <summary>
    /// Every sentence the skill understands, the only place its samples are listed. Read again whenever
    /// the vocabulary changes (see <see cref="IVocabularySource"/>), so a skill whose slot phrases
    /// grow at run time builds them from the current vocabulary here.
    /// </summary>
    IReadOnlyList<IntentDefinition> Intents { get; }

    /// <summary>
    /// Answers a match for one of <see cref="Intents"/>. Device effects travel in the outcome; effects
    /// elsewhere (timers, appliances) go through <see cref="SkillContext.Grains"/>.
    /// </summary>
    Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken);
}
