using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.Home;
using SpeakerHub.Cloud.Grains.Skills.BuiltIn;
using SpeakerHub.Cloud.Grains.Timers;

namespace SpeakerHub.Cloud.Grains.Skills;

public static class SkillServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in skills (clock, timers, volume, mute, smart home, help, stop, yes/no), the
    /// catalog of their intents, the dialog engine and the smart-home vocabulary with its refresh, plus
    /// their options (<c>Skills</c>, <c>Dialog</c>, <c>Timers</c>, <c>Home</c>), validated at start.
    /// A skill added here is matched for text and, through the catalog, becomes part of the speech grammar.
    /// The skills' grains keep state in the <see cref="SkillStorage.Name"/> grain storage and timers use
    /// reminders; the host registers both.
    /// </summary>
    public static IServiceCollection AddSpeakerHubSkills(
        this IServiceCollection services, Action<SkillOptions>? configure = null)
    {
        if (configure is not null)
        {
            services.Configure(configure);
        }

        // Features that need the text path call this too; register the rest only once.
        if (services.Any(service => service.ServiceType == typeof(DialogEngine)))
        {
            return services;
        }

        AddValidated<SkillOptions>(services, SkillOptions.SectionName, options => options.Problems());
        AddValidated<DialogOptions>(services, DialogOptions.SectionName, options => options.Problems());
        AddValidated<TimerOptions>(services, TimerOptions.SectionName, options => options.Problems());
        AddValidated<HomeOptions>(services, HomeOptions.SectionName, options => options.Problems());

        services.TryAddSingleton(TimeProvider.System);

        // Installation order is the order help lists them in, and the order the matcher tries samples in.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, ClockSkill>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, TimerSkill>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, VolumeSkill>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, MuteSkill>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, HomeSkill>());
        services.AddSingleton<ISkill>(provider => new HelpSkill(provider.GetRequiredService<SkillCatalog>));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, StopSkill>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, YesNoSkill>());

        services.TryAddSingleton<HomeVocabularyCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVocabularySource, HomeVocabularyCache>(
            provider => provider.GetRequiredService<HomeVocabularyCache>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmartHomeBrand, VirtualBrand>());
        services.TryAddSingleton<HomeVocabularyRefresh>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<HomeVocabularyRefresh>());

        services.TryAddSingleton<SkillCatalog>();
        services.TryAddSingleton<IInteractionModelSource>(provider => provider.GetRequiredService<SkillCatalog>());
        services.TryAddSingleton<IntentRouter>();
        services.TryAddSingleton<DialogEngine>();
        return services;
    }

    private static void AddValidated<TOptions>(
        IServiceCollection services, string section, Func<TOptions, IEnumerable<string>> problems)
        where TOptions : class
    {
        services.AddOptions<TOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new ProblemValidator<TOptions>(section, problems));
    }

    private sealed class ProblemValidator<TOptions>(string section, Func<TOptions, IEnumerable<string>> problems)
        : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var found = problems(options).Select(problem => $"{section}: {problem}").ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
