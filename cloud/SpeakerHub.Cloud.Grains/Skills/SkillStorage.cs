namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>The grain storage the skills' grains (timers, homes, the home vocabulary) keep their state in.</summary>
public static class SkillStorage
{
    public const string Name = "skills";
}
