using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Api;

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>A key (admin or operator) shorter than this is refused at start: it would be guessable.</summary>
    public const int MinKeyLength = 16;

    /// <summary>The admin key's minimum length; the same as every key's.</summary>
    public const int MinAdminKeyLength = MinKeyLength;

    /// <summary>Where the HTTP API listens unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> say otherwise.</summary>
    public string Urls { get; set; } = "http://0.0.0.0:8080";

    /// <summary>The admin bearer key. Empty: one is generated into <see cref="AdminKeyFile"/> and reused.</summary>
    public string AdminKey { get; set; } = string.Empty;

    /// <summary>Where a generated admin key lives; the host defaults it to <c>{Storage:DataDirectory}/admin.key</c>.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>The fleet operator's bearer key (<c>/api/fleet</c>). Empty: one is generated into <see cref="OperatorKeyFile"/> and reused.</summary>
    public string OperatorKey { get; set; } = string.Empty;

    /// <summary>Where a generated operator key lives; the host defaults it to <c>{Storage:DataDirectory}/operator.key</c>.</summary>
    public string? OperatorKeyFile { get; set; }

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

        ValidateKey(failures, "Api:AdminKey", "the admin API", options.AdminKey, options.AdminKeyFile);
        ValidateKey(failures, "Api:OperatorKey", "the fleet API", options.OperatorKey, options.OperatorKeyFile);

        // Separate roles: one secret opening both APIs would make the split meaningless.
        if (!string.IsNullOrEmpty(options.AdminKey) && string.Equals(options.AdminKey, options.OperatorKey, StringComparison.Ordinal))
        {
            failures.Add("Api:OperatorKey is the same as Api:AdminKey; the fleet operator needs a key of its own.");
        }
        else if (string.IsNullOrEmpty(options.AdminKey) && string.IsNullOrEmpty(options.OperatorKey)
            && !string.IsNullOrWhiteSpace(options.AdminKeyFile) && !string.IsNullOrWhiteSpace(options.OperatorKeyFile)
            && SameFile(options.AdminKeyFile, options.OperatorKeyFile))
        {
            failures.Add("Api:OperatorKeyFile is the same file as Api:AdminKeyFile; the fleet operator needs a key of its own.");
        }

        if (options.HealthProbeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Api:HealthProbeTimeout must be positive, was {options.HealthProbeTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateKey(List<string> failures, string configurationKey, string api, string key, string? keyFile)
    {
        if (string.IsNullOrEmpty(key) && string.IsNullOrWhiteSpace(keyFile))
        {
            failures.Add($"Neither {configurationKey} nor {configurationKey}File is set; {api} would have no key.");
        }
        else if (key.Length is > 0 and < ApiOptions.MinKeyLength)
        {
            failures.Add($"{configurationKey} must be at least {ApiOptions.MinKeyLength} characters.");
        }
    }

    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
