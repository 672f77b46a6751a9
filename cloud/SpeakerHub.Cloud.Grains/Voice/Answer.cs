namespace SpeakerHub.Cloud.Grains.Voice;

/// <summary>What the speaker says back to one utterance, and whether it then listens again.</summary>
public sealed record Answer(
    string Intent, IReadOnlyDictionary<string, string> Slots, string Speech, bool ExpectsFollowUp, bool Understood = true)
{
    public static Answer NotUnderstood { get; } =
        new(IntentMatch.NoneIntent, new Dictionary<string, string>(), Skills.IntentRouter.FallbackSpeech, false, Understood: false);
}

/// <summary>Whether the reply reached the device's session, and how long until its first audio went out.</summary>
public readonly record struct SpokenReply(bool Delivered, double? FirstAudioMs);
