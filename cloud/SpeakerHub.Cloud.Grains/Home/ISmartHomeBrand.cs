using SpeakerHub.Cloud.Abstractions.Home;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>
/// One maker's appliances as the home sees them: which kinds it has, how to read and change their
/// state. Real brand integrations (a vendor's cloud API or a local bridge) plug in here, registered
/// as further implementations next to <see cref="VirtualBrand"/>; the home grain keeps the last
/// state each reported, so voice answers do not wait on a vendor for a simple list.
/// </summary>
public interface ISmartHomeBrand
{
    /// <summary>The name owners register appliances under ("virtual"), compared ignoring case.</summary>
    string Name { get; }

    bool Supports(ApplianceKind kind);

    /// <summary>Called when an owner registers the appliance; returns its current state.</summary>
    Task<ApplianceState> ConnectAsync(Appliance appliance, CancellationToken cancellationToken);

    /// <summary>Reads the appliance's state now.</summary>
    Task<ApplianceState> ReadAsync(Appliance appliance, CancellationToken cancellationToken);

    /// <summary>Applies a change and returns the state the appliance reports afterwards.</summary>
    Task<ApplianceState> ApplyAsync(Appliance appliance, ApplianceChange change, CancellationToken cancellationToken);
}
