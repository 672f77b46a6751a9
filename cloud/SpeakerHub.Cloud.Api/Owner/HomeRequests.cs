using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

// Request bodies of /api/owner/home; RequestValidationFilter answers 400 with their field errors first.

public sealed record RegisterApplianceRequest(
    string? Name, string? Room, string? Kind, string? Brand, IReadOnlyList<string>? Aliases) : IValidatedRequest
{
    private const int MaxBrandLength = 40;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (ApplianceNames.Problem(Name) is { } name)
        {
            errors["name"] = [name];
        }

        if (ApplianceNames.Problem(Room) is { } room)
        {
            errors["room"] = [room];
        }

        if (ParseKind(Kind) is null)
        {
            errors["kind"] = [$"Required, one of: {string.Join(", ", Enum.GetNames<ApplianceKind>().Select(kind => kind.ToLowerInvariant()))}."];
        }

        if (Brand is not null && (string.IsNullOrWhiteSpace(Brand) || Brand.Length > MaxBrandLength))
        {
            errors["brand"] = [$"Omit for the built-in virtual brand, or 1..{MaxBrandLength} characters."];
        }

        if (ApplianceNames.AliasesProblem(Aliases) is { } aliases)
        {
            errors["aliases"] = [aliases];
        }

        return errors;
    }

    public ApplianceRegistration ToRegistration() => new(Name!, Room!, ParseKind(Kind)!.Value, Brand, Aliases);

    /// <summary>A kind by name, ignoring case; numbers are refused so the API never depends on enum order.</summary>
    private static ApplianceKind? ParseKind(string? kind) =>
        kind is not null && kind.All(char.IsAsciiLetter) && Enum.TryParse<ApplianceKind>(kind, ignoreCase: true, out var parsed)
            ? parsed
            : null;
}

public sealed record UpdateApplianceRequest(string? Name, string? Room, IReadOnlyList<string>? Aliases) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Name is null && Room is null && Aliases is null)
        {
            errors[string.Empty] = ["Set at least one of name, room, aliases."];
        }

        if (Name is not null && ApplianceNames.Problem(Name) is { } name)
        {
            errors["name"] = [name];
        }

        if (Room is not null && ApplianceNames.Problem(Room) is { } room)
        {
            errors["room"] = [room];
        }

        if (ApplianceNames.AliasesProblem(Aliases) is { } aliases)
        {
            errors["aliases"] = [aliases];
        }

        return errors;
    }

    public ApplianceUpdate ToUpdate() => new(Name, Room, Aliases);
}
