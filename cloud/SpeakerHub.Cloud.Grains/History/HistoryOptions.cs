namespace SpeakerHub.Cloud.Grains.History;

/// <summary>Limits of interaction history (configuration section "History").</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>Interactions kept per device; beyond it the oldest is dropped, with its audio.</summary>
    public int MaxInteractions { get; set; } = 500;

    /// <summary>Audio clips kept per device that opted in; beyond it the oldest clip is deleted (its record stays).</summary>
    public int MaxAudioClips { get; set; } = 50;

    /// <summary>Longest clip kept; a longer utterance keeps its beginning. Bounds one clip's storage row (~8 KB per second).</summary>
    public int MaxAudioSeconds { get; set; } = 30;

    internal IEnumerable<string> Problems()
    {
        if (MaxInteractions < 1)
        {
            yield return "MaxInteractions must be at least 1.";
        }

        if (MaxAudioClips < 1 || MaxAudioClips > MaxInteractions)
        {
            // A clip outlives its record nowhere: more clips than records could never be reached.
            yield return $"MaxAudioClips must be 1..MaxInteractions ({MaxInteractions}).";
        }

        if (MaxAudioSeconds < 1)
        {
            yield return "MaxAudioSeconds must be at least 1.";
        }
    }
}
