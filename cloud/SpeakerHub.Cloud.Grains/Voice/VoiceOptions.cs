namespace SpeakerHub.Cloud.Grains.Voice;

/// <summary>The cloud half of a spoken interaction (configuration section "Voice").</summary>
public sealed class VoiceOptions
{
    public const string SectionName = "Voice";

    /// <summary>
    /// Frames in the first reply-audio message: 60 ms is enough for the device to start playing, and a
    /// small first message reaches it sooner.
    /// </summary>
    public int FirstChunkFrames { get; set; } = 3;

    /// <summary>Frames in every later reply-audio message (at most the protocol's 25: 4.1 KB, 500 ms).</summary>
    public int ChunkFrames { get; set; } = 25;

    /// <summary>
    /// How far reply audio may run ahead of playback. Synthesis is ~1000× real time, so without pacing a
    /// long answer would arrive at once; the device's jitter buffer holds 3 s, and 2 s of lead rides out
    /// Wi-Fi hiccups without overflowing it.
    /// </summary>
    public TimeSpan ReplyLead { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often paced reply audio beyond the lead is sent.</summary>
    public TimeSpan PacingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Lost frames filled with silence so the recogniser keeps time; a larger hole means the stream broke,
    /// and only this much silence is fed.
    /// </summary>
    public int MaxConcealedFrames { get; set; } = 25;

    /// <summary>Longest utterance fed to the recogniser (the device stops at 10 s; a little slack).</summary>
    public int MaxUtteranceFrames { get; set; } = 750;

    /// <summary>An utterance that never sends its final chunk is abandoned after this long without audio.</summary>
    public TimeSpan UtteranceIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Said when the wake phrase came alone: the device listens for the request next.</summary>
    public string WakeOnlyPrompt { get; set; } = "Yes?";

    internal IEnumerable<string> Problems()
    {
        if (FirstChunkFrames is < 1 or > ReplyAudioEncoder.MaxFramesPerMessage)
        {
            yield return $"FirstChunkFrames must be 1..{ReplyAudioEncoder.MaxFramesPerMessage}.";
        }

        if (ChunkFrames is < 1 or > ReplyAudioEncoder.MaxFramesPerMessage)
        {
            yield return $"ChunkFrames must be 1..{ReplyAudioEncoder.MaxFramesPerMessage}.";
        }

        if (ReplyLead < TimeSpan.FromMilliseconds(200))
        {
            yield return "ReplyLead must be at least 200 ms.";
        }

        if (PacingInterval <= TimeSpan.Zero || PacingInterval > ReplyLead)
        {
            yield return "PacingInterval must be positive and no longer than ReplyLead.";
        }

        if (MaxConcealedFrames < 0 || MaxUtteranceFrames < 1)
        {
            yield return "MaxConcealedFrames must not be negative and MaxUtteranceFrames must be positive.";
        }

        if (UtteranceIdleTimeout <= TimeSpan.Zero)
        {
            yield return "UtteranceIdleTimeout must be positive.";
        }

        if (string.IsNullOrWhiteSpace(WakeOnlyPrompt))
        {
            yield return "WakeOnlyPrompt must not be empty.";
        }
    }
}
