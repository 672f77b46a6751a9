using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Home;

[GenerateSerializer, Alias("SpeakerHub.HomeState")]
public sealed class HomeState
{
    [Id(0)]
    public List<Appliance> Appliances { get; set; } = [];

    [Id(1)]
    public int NextId { get; set; } = 1;
}

/// <summary>
/// One owner's appliances. Every change to names or rooms republishes the owner's words to the
/// cluster vocabulary and to this silo's cache at once, so what was just registered can be said
/// straight away on this silo (other silos pick it up at their next poll).
/// </summary>
public sealed class HomeGrain(
    [PersistentState("home", SkillStorage.Name)] IPersistentState<HomeState> stored,
    IEnumerable<ISmartHomeBrand> brands,
    HomeVocabularyCache vocabulary,
    IOptions<HomeOptions> options,
    ILogger<HomeGrain> logger) : Grain, IHomeGrain
{
    private readonly Dictionary<string, ISmartHomeBrand> brandByName =
        brands.ToDictionary(brand => brand.Name, StringComparer.OrdinalIgnoreCase);

    private List<Appliance> Appliances => stored.State.Appliances;

    private string OwnerId => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<Appliance>> List() => Task.FromResult<IReadOnlyList<Appliance>>(Appliances.ToArray());

    public async Task<Appliance> Get(string applianceId, CancellationToken cancellationToken = default)
    {
        var (index, appliance) = Find(applianceId);
        var state = await BrandOf(appliance).ReadAsync(appliance, cancellationToken);
        if (state == appliance.State)
        {
            return appliance;
        }

        Appliances[index] = appliance with { State = state };
        await Persist();
        return Appliances[index];
    }

    public async Task<Appliance> Register(ApplianceRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var (name, room, aliases) = Names(registration.Name, registration.Room, registration.Aliases);
        if (!Enum.IsDefined(registration.Kind))
        {
            throw new ApplianceRejectedException("kind", $"Unknown kind '{registration.Kind}'.");
        }

        var brandName = registration.Brand ?? VirtualBrand.BrandName;
        if (!brandByName.TryGetValue(brandName, out var brand))
        {
            throw new ApplianceRejectedException(
                "brand", $"Unknown brand '{brandName}'; known: {string.Join(", ", brandByName.Keys.Order(StringComparer.Ordinal))}.");
        }

        if (!brand.Supports(registration.Kind))
        {
            throw new ApplianceRejectedException("kind", $"Brand '{brand.Name}' has no {registration.Kind} appliances.");
        }

        if (Appliances.Count >= options.Value.MaxAppliances)
        {
            throw new ApplianceRejectedException(string.Empty, $"A home holds at most {options.Value.MaxAppliances} appliances.");
        }

        EnsureUnique(name, room, exceptId: null);
        var id = stored.State.NextId.ToString(CultureInfo.InvariantCulture);
        var appliance = new Appliance(id, name, room, registration.Kind, brand.Name, aliases, new ApplianceState());
        appliance = appliance with { State = await brand.ConnectAsync(appliance, cancellationToken) };

        stored.State.NextId++;
        Appliances.Add(appliance);
        await Persist();
        logger.LogInformation("Owner {OwnerId} registered {Kind} '{Name}' in '{Room}' ({Brand})", OwnerId, appliance.Kind, name, room, brand.Name);
        await PublishWords();
        return appliance;
    }

    public async Task<Appliance> Update(string applianceId, ApplianceUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var (index, appliance) = Find(applianceId);
        var (name, room, aliases) = Names(update.Name ?? appliance.Name, update.Room ?? appliance.Room, update.Aliases ?? appliance.Aliases);
        EnsureUnique(name, room, exceptId: applianceId);
        Appliances[index] = appliance with { Name = name, Room = room, Aliases = aliases };
        await Persist();
        await PublishWords();
        return Appliances[index];
    }

    public async Task Remove(string applianceId)
    {
        var (index, _) = Find(applianceId);
        Appliances.RemoveAt(index);
        await Persist();
        await PublishWords();
    }

    public async Task<Appliance> Apply(string applianceId, ApplianceChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (index, appliance) = Find(applianceId);
        CheckFits(appliance, change);
        var state = await BrandOf(appliance).ApplyAsync(appliance, change, cancellationToken);
        Appliances[index] = appliance with { State = state };
        await Persist();
        return Appliances[index];
    }

    private void CheckFits(Appliance appliance, ApplianceChange change)
    {
        var kind = appliance.Kind;
        var fits = (change.On is null || kind != ApplianceKind.Lock)
            && (change.Brightness is null || kind == ApplianceKind.Dimmer)
            && (change.Locked is null || kind == ApplianceKind.Lock)
            && (change.TargetTemperature is null || kind == ApplianceKind.Thermostat);
        if (!fits)
        {
            throw new ApplianceRejectedException("change", $"A {kind} cannot take that change.");
        }

        var limits = options.Value;
        if (change.Brightness is < 0 or > ApplianceState.MaxBrightness)
        {
            throw new ApplianceRejectedException("brightness", $"Brightness must be 0..{ApplianceState.MaxBrightness} percent.");
        }

        if (change.TargetTemperature < limits.MinTemperature || change.TargetTemperature > limits.MaxTemperature)
        {
            throw new ApplianceRejectedException(
                "targetTemperature", $"Target temperature must be {limits.MinTemperature}..{limits.MaxTemperature} degrees.");
        }
    }

    private static (string Name, string Room, IReadOnlyList<string> Aliases) Names(string? name, string? room, IReadOnlyList<string>? aliases)
    {
        var normalName = ApplianceNames.Normalize(name)
            ?? throw new ApplianceRejectedException("name", ApplianceNames.Problem(name)!);
        var normalRoom = ApplianceNames.Normalize(room)
            ?? throw new ApplianceRejectedException("room", ApplianceNames.Problem(room)!);
        if (ApplianceNames.AliasesProblem(aliases) is { } problem)
        {
            throw new ApplianceRejectedException("aliases", problem);
        }

        var normalAliases = (aliases ?? []).Select(alias => ApplianceNames.Normalize(alias)!)
            .Where(alias => alias != normalName).Distinct(StringComparer.Ordinal).ToArray();
        return (normalName, normalRoom, normalAliases);
    }

    /// <summary>Two appliances of one name in one room could not be told apart by voice.</summary>
    private void EnsureUnique(string name, string room, string? exceptId)
    {
        var canonicalName = BaseHomeVocabulary.Appliance(name);
        var canonicalRoom = BaseHomeVocabulary.Room(room);
        if (Appliances.Any(other => other.Id != exceptId
            && BaseHomeVocabulary.Appliance(other.Name) == canonicalName
            && BaseHomeVocabulary.Room(other.Room) == canonicalRoom))
        {
            throw ApplianceConflictException.For(name, room);
        }
    }

    private (int Index, Appliance Appliance) Find(string applianceId)
    {
        var index = Appliances.FindIndex(appliance => appliance.Id == applianceId);
        return index < 0 ? throw ApplianceNotFoundException.For(applianceId) : (index, Appliances[index]);
    }

    private ISmartHomeBrand BrandOf(Appliance appliance) =>
        brandByName.TryGetValue(appliance.Brand, out var brand)
            ? brand
            : throw new InvalidOperationException($"Brand '{appliance.Brand}' of appliance {appliance.Id} is no longer installed.");

    /// <summary>
    /// Best effort: the change itself is stored, and a failed publish is repaired by the next change,
    /// which publishes the owner's whole word list again.
    /// </summary>
    private async Task PublishWords()
    {
        var names = Appliances.SelectMany(appliance => appliance.Aliases.Prepend(appliance.Name)).ToArray();
        var rooms = Appliances.Select(appliance => appliance.Room).ToArray();
        try
        {
            vocabulary.Offer(await GrainFactory.GetHomeVocabulary().SetOwnerWords(OwnerId, names, rooms));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Words of owner {OwnerId} not published to the speech vocabulary", OwnerId);
        }
    }

    private Task Persist() => stored.WriteOrDeactivateAsync(DeactivateOnIdle);
}
