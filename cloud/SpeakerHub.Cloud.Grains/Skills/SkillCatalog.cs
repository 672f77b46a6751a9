using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpeakerHub.Cloud.Grains.Skills;

/// <summary>
/// Every installed skill's intents in one place: the matcher compiles them for typed text and the
/// speech grammar compiler reads the same samples, so text and voice never disagree. When a
/// vocabulary changes (an owner registers "jacuzzi"), a new model is published with version
/// 1 + the sum of the vocabulary versions, without a restart.
/// </summary>
public sealed class SkillCatalog : IInteractionModelSource, IDisposable
{
    private readonly IReadOnlyList<ISkill> skills;
    private readonly IReadOnlyList<IVocabularySource> vocabularies;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private Compiled compiled;

    public SkillCatalog(
        IEnumerable<ISkill> skills, IEnumerable<IVocabularySource>? vocabularies = null, ILogger<SkillCatalog>? logger = null)
    {
        this.skills = skills.ToArray();
        this.vocabularies = vocabularies?.ToArray() ?? [];
        this.logger = logger ?? NullLogger<SkillCatalog>.Instance;
        compiled = Compile();
        foreach (var vocabulary in this.vocabularies)
        {
            vocabulary.Changed += Refresh;
        }
    }

    public event Action<InteractionModel>? Changed;

    public InteractionModel Current => Volatile.Read(ref compiled).Model;

    public IReadOnlyList<IntentDefinition> Intents => Current.Intents;

    /// <summary>What the installed skills do, in installation order, for "what can you do".</summary>
    public IReadOnlyList<string> Capabilities => skills.Select(skill => skill.Capability).OfType<string>().ToArray();

    public ISkill SkillFor(string intent) => Volatile.Read(ref compiled).SkillByIntent[intent];

    public void Dispose()
    {
        foreach (var vocabulary in vocabularies)
        {
            vocabulary.Changed -= Refresh;
        }
    }

    private void Refresh()
    {
        lock (gate)
        {
            if (VocabularyVersion() + 1 == compiled.Model.Version)
            {
                return;
            }

            try
            {
                Volatile.Write(ref compiled, Compile());
            }
            catch (InvalidOperationException exception)
            {
                // A vocabulary that breaks the model must not take the working one down with it.
                logger.LogError(exception, "Interaction model not rebuilt; version {Version} stays", compiled.Model.Version);
                return;
            }

            logger.LogInformation(
                "Interaction model {Version}: {Intents} intents", compiled.Model.Version, compiled.Model.Intents.Count);
            Changed?.Invoke(compiled.Model);
        }
    }

    private long VocabularyVersion() => vocabularies.Sum(vocabulary => vocabulary.Version);

    private Compiled Compile()
    {
        // Read before the intents: if words arrive in between, the next Changed rebuilds with both.
        var version = VocabularyVersion() + 1;
        var skillByIntent = new Dictionary<string, ISkill>(StringComparer.Ordinal);
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

        return new Compiled(new InteractionModel(version, intents), skillByIntent);
    }

    private sealed record Compiled(InteractionModel Model, IReadOnlyDictionary<string, ISkill> SkillByIntent);
}
