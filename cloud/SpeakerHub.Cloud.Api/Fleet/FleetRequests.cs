using System.Globalization;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Cloud.Api.Admin;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Cloud.Api.Fleet;

// Request bodies of /api/fleet; RequestValidationFilter answers 400 with their field errors before a handler runs.

public sealed record RegisterSigningKeyRequest(string? Name, string? PublicKey) : IValidatedRequest
{
    public const int MaxNameLength = 64;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Required, 1..{MaxNameLength} characters."];
        }

        if (PublicKey is null || PublicKey.Trim().Length != Ed25519.PublicKeyLength * 2 || !PublicKey.Trim().All(char.IsAsciiHexDigit))
        {
            errors["publicKey"] = [$"Required: the raw Ed25519 public key as {Ed25519.PublicKeyLength * 2} hex characters."];
        }

        return errors;
    }

    /// <summary>The key in the lowercase hex the fleet stores and compares.</summary>
    public string PublicKeyHex => PublicKey!.Trim().ToLowerInvariant();
}

public sealed record SetTagsRequest(string[]? Tags) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Tags is null)
        {
            errors["tags"] = ["Required: the device's tags, e.g. [\"beta\", \"office\"]; [] removes them all."];
        }
        else if (FleetTags.Explain(Tags) is { } problem)
        {
            errors["tags"] = [problem];
        }

        return errors;
    }
}

/// <summary>Body of <c>POST /rollouts/{id}/pause</c> and <c>/abort</c>; the whole body is optional.</summary>
public sealed record RolloutReasonRequest(string? Reason) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Reason is not null && Reason.Trim().Length > CreateRolloutRequest.MaxTextLength)
        {
            errors["reason"] = [$"At most {CreateRolloutRequest.MaxTextLength} characters."];
        }

        return errors;
    }

    public static string ReasonOr(RolloutReasonRequest? request, string fallback) =>
        string.IsNullOrWhiteSpace(request?.Reason) ? fallback : request.Reason.Trim();
}

public sealed record RolloutSelectorRequest(string? Model, string[]? Tags, string[]? FromVersions);

/// <summary>Health gates; each one left out keeps its <see cref="HealthGates"/> default.</summary>
public sealed record HealthGatesRequest(
    double? MinSuccessRate,
    double? MaxRollbackRate,
    double? MaxExtraReconnectsPerDevice,
    double? MaxExtraRebootsPerDevice,
    double? MaxVoiceErrorRateIncrease);

public sealed record CreateRolloutRequest(
    string? ImageId,
    RolloutSelectorRequest? Selector,
    double[]? Waves,
    long? SoakSeconds,
    long? WaveTimeoutSeconds,
    HealthGatesRequest? Gates,
    string? OnBreach,
    string? Description) : IValidatedRequest
{
    public const int MaxTextLength = 500;
    public const int MaxWaves = 20;
    public const int MaxFromVersions = 32;
    public const long DefaultSoakSeconds = 600;
    public const long DefaultWaveTimeoutSeconds = 3600;

    /// <summary>Thirty days: longer is surely a unit mistake, and it keeps every duration far from overflowing.</summary>
    public const long MaxSeconds = 30L * 24 * 60 * 60;

    public static IReadOnlyList<double> DefaultWaves { get; } = [1, 10, 50, 100];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (ImageId is null || !FirmwareImageId.IsValid(ImageId))
        {
            errors["imageId"] = [$"Required: an uploaded image's id, '{FirmwareImageId.Prefix}' and {FirmwareImageId.HashBytes * 2} lowercase hex digits."];
        }

        ValidateSelector(errors);
        if (Waves is not null && ExplainWaves(Waves) is { } waves)
        {
            errors["waves"] = [waves];
        }

        if (SoakSeconds is < 0 or > MaxSeconds)
        {
            errors["soakSeconds"] = [Invariant($"Must be 0..{MaxSeconds} (30 days); the default is {DefaultSoakSeconds}.")];
        }

        if (WaveTimeoutSeconds is < 1 or > MaxSeconds)
        {
            errors["waveTimeoutSeconds"] = [Invariant($"Must be 1..{MaxSeconds} (30 days); the default is {DefaultWaveTimeoutSeconds}.")];
        }

        ValidateGates(errors);
        if (OnBreach is not null && ParseAction(OnBreach) is null)
        {
            errors["onBreach"] = ["Must be \"pause\" or \"abort\" (the default)."];
        }

        if (Description is not null && Description.Trim().Length > MaxTextLength)
        {
            errors["description"] = [$"At most {MaxTextLength} characters."];
        }

        return errors;
    }

    /// <summary>The spec for <paramref name="image"/>; call only once <see cref="Validate"/> found nothing.</summary>
    public RolloutSpec ToSpec(FirmwareImageInfo image)
    {
        var defaults = new HealthGates();
        var gates = Gates is null ? defaults : new HealthGates(
            Gates.MinSuccessRate ?? defaults.MinSuccessRate,
            Gates.MaxRollbackRate ?? defaults.MaxRollbackRate,
            Gates.MaxExtraReconnectsPerDevice ?? defaults.MaxExtraReconnectsPerDevice,
            Gates.MaxExtraRebootsPerDevice ?? defaults.MaxExtraRebootsPerDevice,
            Gates.MaxVoiceErrorRateIncrease ?? defaults.MaxVoiceErrorRateIncrease);
        var selector = new RolloutSelector(
            Selector?.Model ?? image.Model,
            FleetTags.Normalize(Selector?.Tags ?? []),
            (Selector?.FromVersions ?? []).Distinct(StringComparer.Ordinal).Order(FirmwareVersionComparer.Instance).ToArray());
        return new RolloutSpec(
            image.ImageId,
            selector,
            Waves ?? DefaultWaves,
            TimeSpan.FromSeconds(SoakSeconds ?? DefaultSoakSeconds),
            TimeSpan.FromSeconds(WaveTimeoutSeconds ?? DefaultWaveTimeoutSeconds),
            gates,
            OnBreach is null ? GateAction.Abort : ParseAction(OnBreach)!.Value,
            string.IsNullOrWhiteSpace(Description) ? null : Description.Trim());
    }

    /// <summary>"pause" or "abort", in any case; null for anything else.</summary>
    public static GateAction? ParseAction(string text) => text.Trim().ToLowerInvariant() switch
    {
        "pause" => GateAction.Pause,
        "abort" => GateAction.Abort,
        _ => null,
    };

    private static string? ExplainWaves(double[] waves)
    {
        const string Form = "Percentages of the selected devices each wave reaches, strictly increasing, each above 0 and at most 100, the last 100; e.g. [1, 10, 50, 100].";
        if (waves.Length == 0 || waves.Length > MaxWaves)
        {
            return $"1..{MaxWaves} waves. {Form}";
        }

        for (var i = 0; i < waves.Length; i++)
        {
            if (!double.IsFinite(waves[i]) || waves[i] <= 0 || waves[i] > 100)
            {
                return Invariant($"Wave {i + 1} is {waves[i]}%, outside (0, 100]. {Form}");
            }

            if (i > 0 && waves[i] <= waves[i - 1])
            {
                return Invariant($"Wave {i + 1} ({waves[i]}%) does not reach more than wave {i} ({waves[i - 1]}%). {Form}");
            }
        }

        return waves[^1] == 100 ? null : Invariant($"The last wave is {waves[^1]}%, not 100: the rollout would never reach every device. {Form}");
    }

    private void ValidateSelector(Dictionary<string, string[]> errors)
    {
        if (Selector is null)
        {
            return;
        }

        if (Selector.Model is not null && (string.IsNullOrWhiteSpace(Selector.Model) || Selector.Model.Length > FirmwareManifest.MaxModelLength))
        {
            errors["selector.model"] = [$"1..{FirmwareManifest.MaxModelLength} characters; leave it out to use the image's model."];
        }

        if (Selector.Tags is not null && FleetTags.Explain(Selector.Tags) is { } tags)
        {
            errors["selector.tags"] = [tags];
        }

        if (Selector.FromVersions is { } versions)
        {
            if (versions.Length > MaxFromVersions)
            {
                errors["selector.fromVersions"] = [$"At most {MaxFromVersions} versions."];
            }
            else if (versions.Contains(null) || versions.FirstOrDefault(version => !FirmwareVersion.IsValid(version)) is not null)
            {
                var bad = versions.FirstOrDefault(version => version is null || !FirmwareVersion.IsValid(version));
                errors["selector.fromVersions"] = [$"{(bad is null ? "null" : $"'{bad}'")} is not a version: major.minor.patch, e.g. 1.4.2."];
            }
        }
    }

    private void ValidateGates(Dictionary<string, string[]> errors)
    {
        if (Gates is null)
        {
            return;
        }

        Rate("minSuccessRate", Gates.MinSuccessRate);
        Rate("maxRollbackRate", Gates.MaxRollbackRate);
        Rate("maxVoiceErrorRateIncrease", Gates.MaxVoiceErrorRateIncrease);
        PerDevice("maxExtraReconnectsPerDevice", Gates.MaxExtraReconnectsPerDevice);
        PerDevice("maxExtraRebootsPerDevice", Gates.MaxExtraRebootsPerDevice);

        void Rate(string name, double? value)
        {
            if (value is { } rate && (!double.IsFinite(rate) || rate < 0 || rate > 1))
            {
                errors[$"gates.{name}"] = [Invariant($"A rate from 0 to 1, was {rate}.")];
            }
        }

        void PerDevice(string name, double? value)
        {
            if (value is { } count && (!double.IsFinite(count) || count < 0))
            {
                errors[$"gates.{name}"] = [Invariant($"Must not be negative, was {count}.")];
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Fleet tags: what a device may carry and a rollout selector may name.</summary>
public static class FleetTags
{
    public const int MaxLength = 32;
    public const int MaxPerDevice = 16;

    public static bool IsValid(string? tag) =>
        tag is { Length: > 0 and <= MaxLength } && tag.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>Why <paramref name="tags"/> are not acceptable, or null when they are (duplicates are fine: they are dropped).</summary>
    public static string? Explain(IReadOnlyCollection<string?> tags)
    {
        if (tags.Any(tag => !IsValid(tag)))
        {
            var bad = tags.First(tag => !IsValid(tag));
            return $"{(bad is null ? "null" : $"'{bad}'")} is not a tag: 1..{MaxLength} characters from a-z 0-9 - _.";
        }

        var distinct = tags.Distinct(StringComparer.Ordinal).Count();
        return distinct > MaxPerDevice ? $"At most {MaxPerDevice} different tags, got {distinct}." : null;
    }

    /// <summary>Without duplicates, sorted: tags are a set.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> tags) =>
        tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}

/// <summary>Orders version texts as versions (1.10.0 after 1.9.0); invalid ones first.</summary>
public sealed class FirmwareVersionComparer : IComparer<string?>
{
    public static FirmwareVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y) =>
        x is null || y is null ? (x is null ? (y is null ? 0 : -1) : 1) : FirmwareVersion.Compare(x, y);
}
