namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// Every installed skill's intents in one place: the matcher compiles them for typed text and the
/// speech grammar compiler reads the same samples, so text and voice never disagree.
/// </summary>
public sealed class SkillCatalog
{
    private readonly Dictionary<string, ISkill> skillByIntent = new(StringComparer.Ordinal);

    public SkillCatalog(IEnumerable<ISkill> skills)
    {
        var intents = new List<IntentDefinition>();
        foreach (var skill in skills)
        {
            foreach (var intent in skill.Intents)
            {
                if (intent.Name == IntentMatch.NoneIntent || !skillByIntent.TryAdd(intent.Name, skill))
                {
                    throw new InvalidOperationException(
                        $"Intent '{intent.Name}' of {skill.GetType().Name} is reserved or already owned by another skill.");
                }

                intents.Add(intent);
            }
        }

        Intents = intents;
    }

    public IReadOnlyList<IntentDefinition> Intents { get; }

    public ISkill SkillFor(string intent) => skillByIntent[intent];
}
