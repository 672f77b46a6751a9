using SpeakerHub.Cloud.Abstractions.Devices;

namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// What a skill decided: what to say, an optional change to the device's desired twin (the device
/// grain applies it, so a voice command and the API take the same path), and whether to listen again.
/// </summary>
public sealed record SkillOutcome(string Speech, TwinChange? TwinChange = null, bool ExpectsFollowUp = false);

/// <summary>What a skill may know about the device it answers for.</summary>
public sealed record SkillContext(string DeviceId, TwinProperties Desired);

/// <summary>A sentence after routing: what it meant and what the skill made of it.</summary>
public sealed record RoutedUtterance(IntentMatch Match, SkillOutcome Outcome);
