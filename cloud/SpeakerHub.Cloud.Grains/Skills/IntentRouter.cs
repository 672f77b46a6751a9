namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// One matched intent → the owning skill's outcome, with no memory of earlier sentences (that is the
/// <see cref="Dialog.DialogEngine"/>'s job).
/// </summary>
public sealed class IntentRouter(SkillCatalog catalog)
{
    public const string FallbackSpeech = "Sorry, I didn't get that.";

    public Task<SkillOutcome> RouteAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken) =>
        match.IsNone
            ? Task.FromResult(SkillOutcome.NotUnderstood)
            : catalog.SkillFor(match.Intent).HandleAsync(match, context, cancellationToken);
}
