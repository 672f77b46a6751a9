namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// Every installed skill's intents in one place: the matcher compiles them for typed text and the
/// speech grammar compiler reads the same samples, so text and voice never disagree.
/// </summary>
public sealed class SkillCatalog : IInteractionModelSource
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

        Current = new InteractionModel(1, intents);
    }

    public event Action<InteractionModel>? Changed;

    public InteractionModel Current { get; private set; }

    public IReadOnlyList<IntentDefinition> Intents => Current.Intents;

    public ISkill SkillFor(string intent) => skillByIntent[intent];

    private void Publish(InteractionModel model)
    {
        Current = model;
        Changed?.Invoke(model);
    }
}
