using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Grains.Accounts;

public static class AccountSiloBuilderExtensions
{
    /// <summary>
    /// Adds owner accounts: <see cref="OwnerGrain"/> (state in the "devices" grain storage) and
    /// <see cref="AccountOptions"/>, validated at start. The host binds the options to the
    /// <c>Accounts</c> section.
    /// </summary>
    public static ISiloBuilder AddSpeakerHubAccounts(this ISiloBuilder builder, Action<AccountOptions>? configure = null)
    {
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<AccountOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>());
        return builder;
    }

    private sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountOptions options)
        {
            var problems = options.Problems().Select(problem => $"{AccountOptions.SectionName}: {problem}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
