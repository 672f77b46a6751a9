using SpeakerHub.Cloud.Abstractions.Home;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>
/// The rooms and appliance names every home starts with, so smart-home sentences are in the grammar
/// (and the speech accuracy suite) before anyone registers anything. Synonyms resolve to one
/// canonical name ("lounge" is the "living room"); registered names are compared after the same
/// resolution, so an appliance registered in the "lounge" is found when someone says "living room".
/// </summary>
public static class BaseHomeVocabulary
{
    public static IReadOnlyList<SlotValue> Rooms { get; } =
    [
        new("kitchen"),
        new("living room", "living room", "lounge", "sitting room"),
        new("bedroom"),
        new("main bedroom", "main bedroom", "master bedroom"),
        new("bathroom"),
        new("dining room"),
        new("hallway", "hallway", "hall"),
        new("office", "office", "study"),
        new("kids room", "kids room", "childrens room"),
        new("nursery"),
        new("guest room"),
        new("laundry room"),
        new("garage"),
        new("basement"),
        new("attic"),
        new("garden", "garden", "backyard"),
        new("porch"),
        new("patio"),
        new("entrance", "entrance", "entryway"),
        new("upstairs"),
        new("downstairs"),
    ];

    public static IReadOnlyList<SlotValue> Appliances { get; } =
    [
        new(Light, Light, "lights"),
        new("lamp", "lamp", "lamps"),
        new("ceiling light", "ceiling light", "ceiling lights"),
        new("floor lamp"),
        new("desk lamp"),
        new("bedside lamp"),
        new("christmas lights"),
        new("fan"),
        new("ceiling fan"),
        new("heater"),
        new(Thermostat, Thermostat, "heating"),
        new("air conditioner", "air conditioner", "air conditioning"),
        new("television", "television", "tv"),
        new("radio"),
        new("kettle"),
        new("coffee maker", "coffee maker", "coffee machine"),
        new("plug", "plug", "socket"),
        new("dishwasher"),
        new("washing machine"),
        new("dryer"),
        new("fireplace"),
        new("sprinkler", "sprinkler", "sprinklers"),
        new(Door),
        new("front door"),
        new("back door"),
        new("side door"),
        new("garage door"),
    ];

    /// <summary>A name that stands for every appliance of some kinds ("the light" is any light).</summary>
    public const string Light = "light";

    public const string Door = "door";

    public const string Thermostat = "thermostat";

    private static readonly Dictionary<string, string> RoomByPhrase = ByPhrase(Rooms);

    private static readonly Dictionary<string, string> ApplianceByPhrase = ByPhrase(Appliances);

    /// <summary>What a generic name covers when no appliance is called exactly that.</summary>
    public static IReadOnlyList<ApplianceKind> KindsCalled(string canonicalName) => canonicalName switch
    {
        Light => [ApplianceKind.Light, ApplianceKind.Dimmer],
        Door => [ApplianceKind.Lock],
        Thermostat => [ApplianceKind.Thermostat],
        _ => [],
    };

    /// <summary>The canonical room for a normalized phrase; a phrase the base does not know stands for itself.</summary>
    public static string Room(string phrase) => RoomByPhrase.GetValueOrDefault(phrase, phrase);

    public static string Appliance(string phrase) => ApplianceByPhrase.GetValueOrDefault(phrase, phrase);

    private static Dictionary<string, string> ByPhrase(IReadOnlyList<SlotValue> values) =>
        values.SelectMany(value => value.Phrases.Select(phrase => (phrase, value.Canonical)))
            .ToDictionary(pair => pair.phrase, pair => pair.Canonical, StringComparer.Ordinal);
}
