namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>The text path: sentence → intent and slots → the owning skill's outcome.</summary>
public sealed class IntentRouter(SkillCatalog catalog)
{
    public const string FallbackSpeech = "Sorry, I didn't get that.";

    private static readonly SkillOutcome Fallback = new(FallbackSpeech);

    public RoutedUtterance Route(string text, SkillContext context)
    {
        var match = catalog.Current.Matcher.Match(text);
        var outcome = match.IsNone ? Fallback : catalog.SkillFor(match.Intent).Handle(match, context);
        return new RoutedUtterance(match, outcome);
    }
}
