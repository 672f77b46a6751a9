using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Speech.Recognition;

public static class SpeechRecognitionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="SpeechRecognizer"/> singleton and validates its options at start (bind
    /// <see cref="SpeechRecognitionOptions.SectionName"/> in the host). Needs an
    /// <c>IInteractionModelSource</c>: the skill catalog, whose model the grammar is compiled from.
    /// </summary>
    public static IServiceCollection AddSpeakerHubSpeechRecognition(
        this IServiceCollection services, Action<SpeechRecognitionOptions>? configure = null)
    {
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<SpeechRecognitionOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SpeechRecognitionOptions>, SpeechRecognitionOptionsValidator>());
        services.TryAddSingleton<SpeechRecognizer>();
        return services;
    }
}
