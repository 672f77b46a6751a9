namespace SpeakerHub.Cloud.Grains.Dialog;

/// <summary>How long a device's dialog remembers (configuration section "Dialog").</summary>
public sealed class DialogOptions
{
    public const string SectionName = "Dialog";

    // A context older than this is stale: a "yes" minutes later is about something else.
    private static readonly TimeSpan LongestWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a question ("For how long?") or follow-up ("and the bedroom light") stays open after
    /// the answer that opened it.
    /// </summary>
    public TimeSpan ContextWindow { get; set; } = TimeSpan.FromSeconds(30);

    internal IEnumerable<string> Problems()
    {
        if (ContextWindow <= TimeSpan.Zero || ContextWindow > LongestWindow)
        {
            yield return $"ContextWindow must be positive and at most {LongestWindow}.";
        }
    }
}
