namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// Words skills learn at run time (appliance names and rooms owners register). The catalog rebuilds
/// the interaction model when one changes; <see cref="Version"/> only rises, and is the same on every
/// silo for the same words, so every silo numbers the same model alike.
/// </summary>
public interface IVocabularySource
{
    long Version { get; }

    event Action? Changed;
}
