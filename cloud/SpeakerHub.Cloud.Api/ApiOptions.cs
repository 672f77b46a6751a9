using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Api;

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>A key shorter than this is refused at start: it would be guessable.</summary>
    public const int MinAdminKeyLength = 16;

    /// <summary>Where the HTTP API listens unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> say otherwise.</summary>
    public string Urls { get; set; } = "http://0.0.0.0:8080";

    /// <summary>The admin bearer key. Empty: one is generated into <see cref="AdminKeyFile"/> and reused.</summary>
    public string AdminKey { get; set; } = string.Empty;

    /// <summary>Where a generated admin key lives; the host defaults it to <c>{Storage:DataDirectory}/admin.key</c>.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>How long <c>/health</c> waits for the cluster to answer before calling it unhealthy.</summary>
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Rejects unusable <see cref="ApiOptions"/> at start-up, naming the configuration key.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            failures.Add("Api:Urls is empty; set it to e.g. 'http://0.0.0.0:8080'.");
        }

        if (string.IsNullOrEmpty(options.AdminKey) && string.IsNullOrWhiteSpace(options.AdminKeyFile))
        {
            failures.Add("Neither Api:AdminKey nor Api:AdminKeyFile is set; the admin API would have no key.");
        }
        else if (options.AdminKey.Length is > 0 and < ApiOptions.MinAdminKeyLength)
        {
            failures.Add($"Api:AdminKey must be at least {ApiOptions.MinAdminKeyLength} characters.");
        }

        if (options.HealthProbeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Api:HealthProbeTimeout must be positive, was {options.HealthProbeTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
