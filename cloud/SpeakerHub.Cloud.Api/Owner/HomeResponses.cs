using SpeakerHub.Cloud.Abstractions.Home;

namespace SpeakerHub.Cloud.Api.Owner;

// Response bodies of /api/owner/home, mapped from the grain contracts so either can change on its own.

public sealed record ApplianceView(
    string Id, string Name, string Room, string Kind, string Brand, IReadOnlyList<string> Aliases, ApplianceStateView State)
{
    public static ApplianceView From(Appliance appliance) => new(
        appliance.Id,
        appliance.Name,
        appliance.Room,
        appliance.Kind.ToString().ToLowerInvariant(),
        appliance.Brand,
        appliance.Aliases,
        ApplianceStateView.From(appliance.State));
}

/// <summary>What the appliance reports; a property its kind lacks is null.</summary>
public sealed record ApplianceStateView(bool? On, int? Brightness, bool? Locked, int? TargetTemperature)
{
    public static ApplianceStateView From(ApplianceState state) => new(state.On, state.Brightness, state.Locked, state.TargetTemperature);
}
