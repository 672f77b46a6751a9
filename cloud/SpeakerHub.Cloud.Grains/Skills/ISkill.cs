namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>A built-in skill: the intents it owns (with their sample utterances) and how it answers them.</summary>
public interface ISkill
{
    IReadOnlyList<IntentDefinition> Intents { get; }

    /// <summary>Answers a match for one of <see cref="Intents"/>. Pure: effects travel in the outcome.</summary>
    SkillOutcome Handle(IntentMatch match, SkillContext context);
}
