using SpeakerHub.Cloud.Abstractions.Home;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>
/// Which of an owner's appliances a sentence means, from the name it said and the room, if it said
/// one. Names and rooms compare after the base vocabulary's synonyms, and aliases count as names.
/// More than one result means the speaker has to ask which.
/// </summary>
public static class ApplianceFinder
{
    public static IReadOnlyList<Appliance> Find(IReadOnlyList<Appliance> appliances, string? room, string name)
    {
        var wanted = BaseHomeVocabulary.Appliance(name);
        var place = room is null ? null : BaseHomeVocabulary.Room(room);
        var inRoom = place is null
            ? appliances
            : appliances.Where(appliance => BaseHomeVocabulary.Room(appliance.Room) == place).ToArray();
        var kinds = BaseHomeVocabulary.KindsCalled(wanted);
        if (room is null && kinds.Count > 0)
        {
            // "the light" with no room could be any light, whatever each is called: ask rather than guess.
            return appliances.Where(appliance => IsCalled(appliance, wanted) || kinds.Contains(appliance.Kind)).ToArray();
        }

        var named = inRoom.Where(appliance => IsCalled(appliance, wanted)).ToArray();
        if (named.Length > 0)
        {
            return named;
        }

        // "the kitchen light" when the owner registered a "kitchen light" (in whatever room).
        if (room is not null)
        {
            var whole = BaseHomeVocabulary.Appliance(room + " " + name);
            var wholeNamed = appliances.Where(appliance => IsCalled(appliance, whole)).ToArray();
            if (wholeNamed.Length > 0)
            {
                return wholeNamed;
            }
        }

        // "the kitchen light" when the kitchen's only light is a "ceiling light": any appliance of the kind.
        return inRoom.Where(appliance => kinds.Contains(appliance.Kind)).ToArray();
    }

    private static bool IsCalled(Appliance appliance, string canonicalName) =>
        BaseHomeVocabulary.Appliance(appliance.Name) == canonicalName
        || appliance.Aliases.Any(alias => BaseHomeVocabulary.Appliance(alias) == canonicalName);
}
