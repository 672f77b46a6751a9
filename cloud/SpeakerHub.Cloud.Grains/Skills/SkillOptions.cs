using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>Tuning of the built-in skills (configuration section "Skills").</summary>
public sealed class SkillOptions
{
    public const string SectionName = "Skills";

    /// <summary>How far "louder"/"quieter" move the 0..10 volume.</summary>
    public int VolumeStep { get; set; } = 1;

    /// <summary>
    /// How often each silo asks whether another silo changed the smart-home vocabulary; a name an owner
    /// registers is heard on other silos at most this much later (on the silo that took the change, at once).
    /// </summary>
    public TimeSpan VocabularyRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    internal IEnumerable<string> Problems()
    {
        if (VolumeStep is < 1 or > TwinPatch.MaxVolume)
        {
            yield return $"VolumeStep must be 1..{TwinPatch.MaxVolume}.";
        }

        if (VocabularyRefreshInterval <= TimeSpan.Zero)
        {
            yield return "VocabularyRefreshInterval must be positive.";
        }
    }
}
