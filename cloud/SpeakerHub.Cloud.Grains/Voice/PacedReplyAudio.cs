using System.Diagnostics;

namespace SpeakerHub.Cloud.Grains.Voice;

/// <summary>
/// Reply audio the device is not ready for yet. Messages within <c>lead</c> of the playback position
/// go out at once; later ones wait here until playback catches up, so a long answer never overflows
/// the device's jitter buffer. Playback is assumed to start when the first message is sent.
/// </summary>
public sealed class PacedReplyAudio(uint interactionId, TimeSpan lead)
{
    private const double FrameMilliseconds = 20;

    private readonly Queue<OutgoingReplyAudio> waiting = new();
    private long startedAt;

    public uint InteractionId { get; } = interactionId;

    /// <summary>No more audio will be added (synthesis ended or failed).</summary>
    public bool Complete { get; set; }

    public bool HasWaiting => waiting.Count > 0;

    /// <summary>True when <paramref name="message"/> may go now; otherwise it is kept for <see cref="TakeDue"/>.</summary>
    public bool SendNowOrKeep(OutgoingReplyAudio message)
    {
        if (startedAt == 0)
        {
            startedAt = Stopwatch.GetTimestamp();
        }

        if (waiting.Count == 0 && IsDue(message))
        {
            return true;
        }

        waiting.Enqueue(message);
        return false;
    }

    /// <summary>The kept messages playback has now come close enough to, in order.</summary>
    public IEnumerable<OutgoingReplyAudio> TakeDue()
    {
        while (waiting.TryPeek(out var next) && IsDue(next))
        {
            yield return waiting.Dequeue();
        }
    }

    private bool IsDue(OutgoingReplyAudio message) =>
        message.FirstFrame * FrameMilliseconds <= Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds + lead.TotalMilliseconds;
}
