using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Dialog;

/// <summary>
/// The dialog state of one device: the question or follow-up left open by the last answer, until it
/// is answered, replaced or expires. Kept in the device grain's memory only: a dialog is seconds
/// long, and one lost to a deactivation costs the user one repeated sentence.
/// </summary>
public sealed class DialogSession
{
    private OpenContext? open;

    /// <summary>What the session waits for, if anything, at <paramref name="now"/>.</summary>
    public ContinuationKind? AwaitingAt(DateTimeOffset now) => open is { } context && context.ExpiresAt > now
        ? context.Continuation.Kind
        : null;

    /// <summary>Removes and returns the open context unless it expired before <paramref name="now"/>.</summary>
    internal OpenContext? Take(DateTimeOffset now)
    {
        var context = open;
        open = null;
        return context is not null && context.ExpiresAt > now ? context : null;
    }

    internal void Open(OpenContext context) => open = context;
}

/// <summary>The request an open question belongs to, how it may be continued, and until when.</summary>
internal sealed record OpenContext(IntentMatch Match, DialogContinuation Continuation, DateTimeOffset ExpiresAt);
