using SpeakerHub.Cloud.Abstractions.Home;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>
/// The built-in brand: appliances that exist only as state the home keeps, for trying the platform
/// without hardware and for tests. Every kind is supported; a change is simply the new state.
/// </summary>
public sealed class VirtualBrand : ISmartHomeBrand
{
    public const string BrandName = "virtual";

    private const int FullBrightness = 100;
    private const int RoomTemperature = 20;

    public string Name => BrandName;

    public bool Supports(ApplianceKind kind) => Enum.IsDefined(kind);

    public Task<ApplianceState> ConnectAsync(Appliance appliance, CancellationToken cancellationToken) =>
        Task.FromResult(appliance.Kind switch
        {
            ApplianceKind.Dimmer => new ApplianceState(On: false, Brightness: FullBrightness),
            ApplianceKind.Lock => new ApplianceState(Locked: true),
            ApplianceKind.Thermostat => new ApplianceState(On: true, TargetTemperature: RoomTemperature),
            _ => new ApplianceState(On: false),
        });

    public Task<ApplianceState> ReadAsync(Appliance appliance, CancellationToken cancellationToken) =>
        Task.FromResult(appliance.State);

    public Task<ApplianceState> ApplyAsync(Appliance appliance, ApplianceChange change, CancellationToken cancellationToken)
    {
        var state = appliance.State;
        return Task.FromResult(new ApplianceState(
            change.On ?? state.On,
            change.Brightness ?? state.Brightness,
            change.Locked ?? state.Locked,
            change.TargetTemperature ?? state.TargetTemperature));
    }
}
