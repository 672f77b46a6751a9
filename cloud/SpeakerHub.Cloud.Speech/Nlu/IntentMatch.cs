namespace SpeakerHub.Cloud.Speech.Nlu;

/// <summary>The intent a sentence was matched to and its resolved slot values (canonical, e.g. "5").</summary>
public sealed record IntentMatch(string Intent, IReadOnlyDictionary<string, string> Slots)
{
    /// <summary>The intent name for text no skill understands.</summary>
    public const string NoneIntent = "None";

    public static IntentMatch None { get; } = new(NoneIntent, new Dictionary<string, string>());

    public bool IsNone => Intent == NoneIntent;
}
