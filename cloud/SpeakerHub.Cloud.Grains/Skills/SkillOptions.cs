using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>Tuning of the built-in skills (configuration section "Skills").</summary>
public sealed class SkillOptions
{
    public const string SectionName = "Skills";

    /// <summary>How far "louder"/"quieter" move the 0..10 volume.</summary>
    public int VolumeStep { get; set; } = 1;

    internal bool IsValid() => VolumeStep is >= 1 and <= TwinPatch.MaxVolume;
}
