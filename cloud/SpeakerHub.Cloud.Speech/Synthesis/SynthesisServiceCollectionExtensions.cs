using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Speech.Synthesis;

public static class SynthesisServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SpeechSynthesizer"/> as a singleton and <see cref="SynthesisOptions"/>, validated
    /// at start. The host binds the <see cref="SynthesisOptions.SectionName"/> section to the options.
    /// </summary>
    public static IServiceCollection AddSpeakerHubSpeechSynthesis(
        this IServiceCollection services, Action<SynthesisOptions>? configure = null)
    {
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<SynthesisOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SynthesisOptions>, SynthesisOptionsValidator>());
        services.TryAddSingleton<SpeechSynthesizer>();
        return services;
    }
}
