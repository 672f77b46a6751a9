using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeakerHub.Cloud.Grains.Skills.BuiltIn;

namespace SpeakerHub.Cloud.Grains.Skills;

public static class SkillServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in skills, the catalog of their intents and the text path
    /// (<see cref="IntentRouter"/>). A skill added here is matched for text and, through the catalog,
    /// becomes part of the speech grammar.
    /// </summary>
    public static IServiceCollection AddSpeakerHubSkills(
        this IServiceCollection services, Action<SkillOptions>? configure = null)
    {
        if (configure is not null)
        {
            services.Configure(configure);
        }

        // Features that need the text path call this too; register the rest only once.
        if (services.Any(service => service.ServiceType == typeof(IntentRouter)))
        {
            return services;
        }

        services.AddOptions<SkillOptions>()
            .Validate(options => options.IsValid(), $"{SkillOptions.SectionName}:VolumeStep must be 1..10.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, ClockSkill>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, VolumeSkill>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkill, MuteSkill>());
        services.TryAddSingleton<SkillCatalog>();
        services.TryAddSingleton<IInteractionModelSource>(provider => provider.GetRequiredService<SkillCatalog>());
        services.TryAddSingleton<IntentRouter>();
        return services;
    }
}
