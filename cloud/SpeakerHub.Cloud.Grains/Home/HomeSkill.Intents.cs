using SpeakerHub.Cloud.Abstractions.Home;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>Everything people say to the smart-home skill, built from the current room and appliance words.</summary>
public sealed partial class HomeSkill
{
    public const string TurnOn = "TurnOn";
    public const string TurnOff = "TurnOff";
    public const string AllLightsOn = "AllLightsOn";
    public const string AllLightsOff = "AllLightsOff";
    public const string SetBrightness = "SetBrightness";
    public const string Dim = "Dim";
    public const string Brighten = "Brighten";
    public const string Lock = "Lock";
    public const string Unlock = "Unlock";
    public const string IsLocked = "IsLocked";
    public const string IsOn = "IsOn";
    public const string SetTemperature = "SetTemperature";

    /// <summary>"The kitchen one" after "Which light?".</summary>
    public const string ChoiceAnswer = "ApplianceChoiceAnswer";

    /// <summary>"And the bedroom light" after a change was made.</summary>
    public const string AlsoFollowUp = "ApplianceAlso";

    public const string RoomSlot = HomeVocabularyCache.RoomSlot;
    public const string ApplianceSlot = HomeVocabularyCache.ApplianceSlot;
    public const string PercentSlot = "percent";
    public const string DegreesSlot = "degrees";

    // Any number people say, so "seventy degrees" is heard and answered with the range rather than missed.
    private const int LargestSpokenNumber = 100;

    private static readonly SlotType Percent = SlotType.Numbers(PercentSlot, ApplianceState.MaxBrightness);
    private static readonly SlotType Degrees = SlotType.Numbers(DegreesSlot, LargestSpokenNumber);

    public IReadOnlyList<IntentDefinition> Intents => Build(vocabulary.Current);

    private static IntentDefinition[] Build(HomeSlots words)
    {
        var slots = new Dictionary<string, SlotType>
        {
            [RoomSlot] = words.Rooms,
            [ApplianceSlot] = words.Appliances,
            [PercentSlot] = Percent,
            [DegreesSlot] = Degrees,
        };

        // The "all lights" sentences come first: "turn off the lights" means all of them, not "which light?".
        return
        [
            new(AllLightsOff,
            [
                "turn off the lights", "turn the lights off", "turn off all the lights", "turn off all lights",
                "turn all the lights off", "switch off all the lights", "switch off the lights", "lights off",
                "turn off the {room} lights", "turn off all the lights in the {room}", "turn off the lights in the {room}",
                "switch off the lights in the {room}",
            ], slots),
            new(AllLightsOn,
            [
                "turn on the lights", "turn the lights on", "turn on all the lights", "turn on all lights",
                "turn all the lights on", "switch on all the lights", "switch on the lights", "lights on",
                "turn on the {room} lights", "turn on all the lights in the {room}", "turn on the lights in the {room}",
                "switch on the lights in the {room}",
            ], slots),
            new(TurnOn, Switching("on"), slots),
            new(TurnOff, Switching("off"), slots),
            new(SetBrightness,
            [
                "set the {room} {appliance} to {percent} percent", "set the {appliance} to {percent} percent",
                "set the {appliance} in the {room} to {percent} percent", "dim the {room} {appliance} to {percent} percent",
                "dim the {appliance} to {percent} percent", "brighten the {room} {appliance} to {percent} percent",
                "brighten the {appliance} to {percent} percent", "turn the {room} {appliance} to {percent} percent",
                "turn the {appliance} to {percent} percent",
            ], slots),
            new(Dim,
            [
                "dim the {room} {appliance}", "dim the {appliance}", "dim the {appliance} in the {room}",
                "make the {room} {appliance} dimmer", "make the {appliance} dimmer",
            ], slots),
            new(Brighten,
            [
                "brighten the {room} {appliance}", "brighten the {appliance}", "brighten the {appliance} in the {room}",
                "make the {room} {appliance} brighter", "make the {appliance} brighter",
            ], slots),
            new(Lock, ["lock the {appliance}", "lock the {room} {appliance}"], slots),
            new(Unlock, ["unlock the {appliance}", "unlock the {room} {appliance}"], slots),
            new(IsLocked,
            [
                "is the {appliance} locked", "is the {room} {appliance} locked",
                "is the {appliance} unlocked", "is the {room} {appliance} unlocked",
            ], slots),
            new(IsOn,
            [
                "is the {appliance} on", "is the {room} {appliance} on", "is the {appliance} in the {room} on",
                "is the {appliance} off", "is the {room} {appliance} off",
            ], slots),
            new(SetTemperature,
            [
                "set the {appliance} to {degrees} degrees", "set the {room} {appliance} to {degrees} degrees",
                "set the temperature to {degrees} degrees", "set the {room} temperature to {degrees} degrees",
                "set the temperature in the {room} to {degrees} degrees",
            ], slots),
            new(ChoiceAnswer,
            [
                "{room}", "the {room}", "in the {room}", "the {room} one", "the one in the {room}",
                "the {room} {appliance}", "the {appliance} in the {room}",
            ], slots, AnswerOnly: true),
            new(AlsoFollowUp,
            [
                "and the {room} {appliance}", "and the {appliance}", "and the {room} one", "and the {room}",
                "and in the {room}", "and the {appliance} in the {room}", "the {room} {appliance} too",
                "the {appliance} too", "also the {room} {appliance}", "and also the {room} {appliance}",
            ], slots, AnswerOnly: true),
        ];
    }

    private static string[] Switching(string state) =>
    [
        $"turn {state} the {{room}} {{appliance}}", $"turn the {{room}} {{appliance}} {state}",
        $"switch {state} the {{room}} {{appliance}}", $"switch the {{room}} {{appliance}} {state}",
        $"turn {state} the {{appliance}}", $"turn the {{appliance}} {state}",
        $"switch {state} the {{appliance}}", $"switch the {{appliance}} {state}",
        $"turn {state} the {{appliance}} in the {{room}}", $"switch {state} the {{appliance}} in the {{room}}",
    ];
}
