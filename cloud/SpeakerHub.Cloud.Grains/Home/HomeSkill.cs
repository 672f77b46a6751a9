using System.Globalization;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>
/// Controls the owner's appliances by voice: finds the one a sentence means (asking which when
/// several fit, saying so when none does), checks the kind can do it, confirms unlocking, and lets
/// "and the bedroom light" repeat the last change for another appliance.
/// </summary>
public sealed partial class HomeSkill(HomeVocabularyCache vocabulary, IOptions<HomeOptions> options) : ISkill
{
    public const string NoHomeSpeech = "This speaker isn't linked to a home, so I can't control devices yet.";

    public string? Capability => "control your lights, plugs, locks and thermostat";

    public async Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken)
    {
        if (match.Intent is ChoiceAnswer or AlsoFollowUp)
        {
            return SkillOutcome.NotUnderstood;
        }

        if (context.OwnerId is null)
        {
            return new SkillOutcome(NoHomeSpeech);
        }

        var home = context.Grains.GetHome(context.OwnerId);
        var appliances = await home.List();
        var room = match.Slots.GetValueOrDefault(RoomSlot);
        if (match.Intent is AllLightsOn or AllLightsOff)
        {
            return await SwitchAllLights(home, appliances, room, on: match.Intent == AllLightsOn, cancellationToken);
        }

        var name = match.Slots.GetValueOrDefault(ApplianceSlot) ?? BaseHomeVocabulary.Thermostat;
        var found = ApplianceFinder.Find(appliances, room, name);
        if (found.Count == 0)
        {
            var said = room is null ? name : room + " " + name;
            return new SkillOutcome($"I can't find {Article(said)} {said}.");
        }

        if (found.Count > 1)
        {
            var choices = found.Select(appliance => "the " + appliance.SpokenName).ToArray();
            return SkillOutcome.Ask($"Which {name}: {string.Join(", ", choices[..^1])} or {choices[^1]}?", ChoiceAnswer);
        }

        return await Act(home, found[0], match, context.Confirmed, cancellationToken);
    }

    private async Task<SkillOutcome> Act(
        IHomeGrain home, Appliance appliance, IntentMatch match, bool confirmed, CancellationToken cancellationToken)
    {
        var it = "The " + appliance.SpokenName;
        var kind = appliance.Kind;
        switch (match.Intent)
        {
            case TurnOn or TurnOff when kind == ApplianceKind.Lock:
                return new SkillOutcome($"{it} is a lock. You can lock or unlock it.");
            case TurnOn or TurnOff:
                var on = match.Intent == TurnOn;
                if (appliance.State.On == on)
                {
                    return new SkillOutcome($"{it} is already {OnOff(on)}.").AllowingFollowUp(AlsoFollowUp);
                }

                await home.Apply(appliance.Id, new ApplianceChange(On: on), cancellationToken);
                return new SkillOutcome($"Okay, {it.ToLowerInvariant()} is {OnOff(on)}.").AllowingFollowUp(AlsoFollowUp);
            case SetBrightness or Dim or Brighten when kind != ApplianceKind.Dimmer:
                return new SkillOutcome($"{it} can't be dimmed.");
            case Dim when appliance.State.On != true:
                return new SkillOutcome($"{it} is already off.");
            case SetBrightness or Dim or Brighten:
                var level = Brightness(appliance.State, match);
                if (level > ApplianceState.MaxBrightness)
                {
                    return new SkillOutcome($"I can set brightness from 0 to {ApplianceState.MaxBrightness} percent.");
                }

                var dimmed = await home.Apply(appliance.Id, new ApplianceChange(On: level > 0, Brightness: level), cancellationToken);
                return new SkillOutcome(level == 0 ? $"Okay, {it.ToLowerInvariant()} is off." : $"{it} is at {dimmed.State.Brightness} percent.")
                    .AllowingFollowUp(AlsoFollowUp);
            case Lock or Unlock or IsLocked when kind != ApplianceKind.Lock:
                return new SkillOutcome($"{it} isn't a lock.");
            case Unlock when !confirmed:
                // Security: a misheard sentence must never open a door.
                return SkillOutcome.Confirm($"Do you want to unlock the {appliance.SpokenName}?");
            case Lock or Unlock:
                var locked = await home.Apply(appliance.Id, new ApplianceChange(Locked: match.Intent == Lock), cancellationToken);
                return new SkillOutcome($"{it} is {LockedUnlocked(locked.State)}.");
            case IsLocked:
                return new SkillOutcome($"{it} is {LockedUnlocked((await home.Get(appliance.Id, cancellationToken)).State)}.");
            case IsOn:
                var state = (await home.Get(appliance.Id, cancellationToken)).State;
                return new SkillOutcome(kind == ApplianceKind.Lock ? $"{it} is {LockedUnlocked(state)}." : $"{it} is {Describe(state)}.");
            case SetTemperature when kind != ApplianceKind.Thermostat:
                return new SkillOutcome($"{it} doesn't have a temperature.");
            case SetTemperature:
                return await SetTarget(home, appliance, match, cancellationToken);
            default:
                return SkillOutcome.NotUnderstood;
        }
    }

    private async Task<SkillOutcome> SetTarget(IHomeGrain home, Appliance appliance, IntentMatch match, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var degrees = int.Parse(match.Slots[DegreesSlot], CultureInfo.InvariantCulture);
        if (degrees < limits.MinTemperature || degrees > limits.MaxTemperature)
        {
            return new SkillOutcome($"I can set the temperature between {limits.MinTemperature} and {limits.MaxTemperature} degrees.");
        }

        await home.Apply(appliance.Id, new ApplianceChange(On: true, TargetTemperature: degrees), cancellationToken);
        return new SkillOutcome($"The {appliance.SpokenName} is set to {degrees} degrees.");
    }

    private static async Task<SkillOutcome> SwitchAllLights(
        IHomeGrain home, IReadOnlyList<Appliance> appliances, string? room, bool on, CancellationToken cancellationToken)
    {
        var kinds = BaseHomeVocabulary.KindsCalled(BaseHomeVocabulary.Light);
        var lights = appliances.Where(appliance => kinds.Contains(appliance.Kind)
            && (room is null || BaseHomeVocabulary.Room(appliance.Room) == BaseHomeVocabulary.Room(room))).ToArray();
        if (lights.Length == 0)
        {
            return new SkillOutcome(room is null ? "You don't have any lights set up." : $"There are no lights in the {room}.");
        }

        foreach (var light in lights.Where(light => light.State.On != on))
        {
            await home.Apply(light.Id, new ApplianceChange(On: on), cancellationToken);
        }

        return new SkillOutcome(lights.Length == 1
            ? $"Okay, the {lights[0].SpokenName} is {OnOff(on)}."
            : $"Okay, I turned {OnOff(on)} {lights.Length} lights.");
    }

    private int Brightness(ApplianceState state, IntentMatch match)
    {
        var step = options.Value.DimStep;
        // An off light brightens from dark; dimming needs it on (checked by the caller).
        var current = state.On == true ? state.Brightness ?? ApplianceState.MaxBrightness : 0;
        return match.Intent switch
        {
            Dim => Math.Max(current - step, 1),
            Brighten => Math.Min(current + step, ApplianceState.MaxBrightness),
            _ => int.Parse(match.Slots[PercentSlot], CultureInfo.InvariantCulture),
        };
    }

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string LockedUnlocked(ApplianceState state) => state.Locked == false ? "unlocked" : "locked";

    private static string Describe(ApplianceState state) =>
        state.On != true ? "off" : state.Brightness is { } brightness ? $"on at {brightness} percent" : "on";

    private static string Article(string words) => "aeiou".Contains(words[0], StringComparison.Ordinal) ? "an" : "a";
}
