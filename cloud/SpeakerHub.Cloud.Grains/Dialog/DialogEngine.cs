using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Dialog;

/// <summary>A sentence after the dialog: what it meant (with slots filled from earlier turns) and the answer.</summary>
public sealed record DialogTurn(IntentMatch Match, SkillOutcome Outcome);

/// <summary>
/// Text → intent → skill, with the memory of one open question per device (<see cref="DialogSession"/>):
/// a missing slot is asked for and the answer fills it, a risky action is confirmed with yes/no, a done
/// request may be repeated for something else ("and the bedroom light"). "Stop"/"cancel" ends any
/// dialog; anything not understood gets <see cref="IntentRouter.FallbackSpeech"/> and closes it, so a
/// misheard answer never acts.
/// </summary>
public sealed class DialogEngine(
    SkillCatalog catalog, IntentRouter router, IOptions<DialogOptions> options, TimeProvider time, ILogger<DialogEngine> logger)
{
    public const string DeclinedSpeech = "Okay, I won't.";

    public async Task<DialogTurn> RespondAsync(
        DialogSession session, string text, SkillContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(context);
        // Taking the open context closes it: whatever this sentence is, the old question is answered or dropped.
        var open = session.Take(time.GetUtcNow());
        var match = catalog.Current.Matcher.Match(text);
        if (open is not null && Continue(open, match) is { } continued)
        {
            logger.LogDebug(
                "Device {DeviceId}: '{Intent}' continues {Kind} of '{OpenIntent}'",
                context.DeviceId, match.Intent, open.Continuation.Kind, open.Match.Intent);
            return continued.Declined
                ? new DialogTurn(match, new SkillOutcome(DeclinedSpeech))
                : await RunAsync(session, continued.Match, context with { Confirmed = continued.Confirmed }, cancellationToken);
        }

        // No open question, "stop", or a new request instead of an answer: people change their minds mid-dialog.
        return await RunAsync(session, match, context, cancellationToken);
    }

    private static Continued? Continue(OpenContext open, IntentMatch match) => open.Continuation.Kind switch
    {
        ContinuationKind.Confirmation when match.Intent == YesNoSkill.Yes => new Continued(open.Match, Confirmed: true),
        ContinuationKind.Confirmation when match.Intent == YesNoSkill.No => new Continued(match, Declined: true),
        ContinuationKind.SlotAnswer or ContinuationKind.FollowUp when match.Intent == open.Continuation.Intent =>
            new Continued(Merge(open.Match, match)),
        _ => null,
    };

    /// <summary>The open request with the slots the answer names replacing or adding to its own.</summary>
    private static IntentMatch Merge(IntentMatch request, IntentMatch answer)
    {
        var slots = new Dictionary<string, string>(request.Slots, StringComparer.Ordinal);
        foreach (var (name, value) in answer.Slots)
        {
            slots[name] = value;
        }

        return new IntentMatch(request.Intent, slots);
    }

    private async Task<DialogTurn> RunAsync(
        DialogSession session, IntentMatch match, SkillContext context, CancellationToken cancellationToken)
    {
        var outcome = await router.RouteAsync(match, context, cancellationToken);
        if (!outcome.Understood)
        {
            return new DialogTurn(IntentMatch.None, outcome);
        }

        if (outcome.Continuation is { } continuation)
        {
            session.Open(new OpenContext(match, continuation, time.GetUtcNow() + options.Value.ContextWindow));
        }

        return new DialogTurn(match, outcome);
    }

    private readonly record struct Continued(IntentMatch Match, bool Confirmed = false, bool Declined = false);
}
