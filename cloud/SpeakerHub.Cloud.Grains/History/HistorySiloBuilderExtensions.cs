using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Grains.History;

public static class HistorySiloBuilderExtensions
{
    /// <summary>
    /// Adds interaction history: <see cref="InteractionHistoryGrain"/> and its audio clip slots (state
    /// in the "devices" grain storage) and <see cref="HistoryOptions"/>, validated at start. The host
    /// binds the options to the <c>History</c> section.
    /// </summary>
    public static ISiloBuilder AddSpeakerHubHistory(this ISiloBuilder builder, Action<HistoryOptions>? configure = null)
    {
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<HistoryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>());
        return builder;
    }

    private sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
    {
        public ValidateOptionsResult Validate(string? name, HistoryOptions options)
        {
            var problems = options.Problems().Select(problem => $"{HistoryOptions.SectionName}: {problem}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
