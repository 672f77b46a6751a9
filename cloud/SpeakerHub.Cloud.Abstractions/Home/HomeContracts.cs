namespace SpeakerHub.Cloud.Abstractions.Home;

/// <summary>What an appliance is, which decides what can be said to it.</summary>
public enum ApplianceKind
{
    /// <summary>On and off.</summary>
    Light,

    /// <summary>On, off and a brightness in percent.</summary>
    Dimmer,

    /// <summary>On and off (a fan, a kettle, anything wired through a smart switch).</summary>
    Switch,

    /// <summary>On and off, like a switch, but a plug people move around.</summary>
    Plug,

    /// <summary>Locked and unlocked; unlocking by voice asks for confirmation.</summary>
    Lock,

    /// <summary>Heating on and off and a target temperature.</summary>
    Thermostat,
}

/// <summary>
/// What an appliance is doing, as far as its brand reports it; a property that does not apply to
/// the appliance's kind is null.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.ApplianceState")]
public sealed record ApplianceState(
    [property: Id(0)] bool? On = null,
    [property: Id(1)] int? Brightness = null,
    [property: Id(2)] bool? Locked = null,
    [property: Id(3)] int? TargetTemperature = null)
{
    /// <summary>Brightness is a percentage.</summary>
    public const int MaxBrightness = 100;
}

/// <summary>A partial state change; null means "leave as is".</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.ApplianceChange")]
public sealed record ApplianceChange(
    [property: Id(0)] bool? On = null,
    [property: Id(1)] int? Brightness = null,
    [property: Id(2)] bool? Locked = null,
    [property: Id(3)] int? TargetTemperature = null);

/// <summary>
/// One appliance of an owner's home. Name, room and aliases are normalized words
/// (<see cref="ApplianceNames"/>), because they are what people say to the speaker.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.Appliance")]
public sealed record Appliance(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Room,
    [property: Id(3)] ApplianceKind Kind,
    [property: Id(4)] string Brand,
    [property: Id(5)] IReadOnlyList<string> Aliases,
    [property: Id(6)] ApplianceState State)
{
    /// <summary>How the speaker names it: "kitchen light", or just the name when it already says the room.</summary>
    public string SpokenName =>
        Name.StartsWith(Room + " ", StringComparison.Ordinal) || Name == Room ? Name : Room + " " + Name;
}

/// <summary>A new appliance; <see cref="Brand"/> null picks the built-in virtual brand.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.ApplianceRegistration")]
public sealed record ApplianceRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] string Room,
    [property: Id(2)] ApplianceKind Kind,
    [property: Id(3)] string? Brand = null,
    [property: Id(4)] IReadOnlyList<string>? Aliases = null);

/// <summary>A rename or move; null leaves that property as it is.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.ApplianceUpdate")]
public sealed record ApplianceUpdate(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Room = null,
    [property: Id(2)] IReadOnlyList<string>? Aliases = null);
