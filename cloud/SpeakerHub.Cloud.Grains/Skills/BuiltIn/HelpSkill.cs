namespace SpeakerHub.Cloud.Grains.Skills.BuiltIn;

/// <summary>
/// "What can you do": lists what the installed skills do. The catalog is read lazily because it is
/// built from every skill, this one included.
/// </summary>
public sealed class HelpSkill(Func<SkillCatalog> catalog) : ISkill
{
    public const string Help = "Help";
    public const string Example = "set a timer for five minutes";

    public string? Capability => null;

    public IReadOnlyList<IntentDefinition> Intents { get; } =
    [
        new(Help,
        [
            "help",
            "help me",
            "what can you do",
            "what can i say",
            "what can i ask you",
            "what do you do",
            "how do you work",
        ]),
    ];

    public Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken)
    {
        var capabilities = catalog().Capabilities;
        var list = capabilities.Count switch
        {
            0 => "very little yet",
            1 => capabilities[0],
            _ => string.Join(", ", capabilities.Take(capabilities.Count - 1)) + ", and " + capabilities[^1],
        };
        return Task.FromResult(new SkillOutcome($"I can {list}. For example, say: {Example}."));
    }
}
