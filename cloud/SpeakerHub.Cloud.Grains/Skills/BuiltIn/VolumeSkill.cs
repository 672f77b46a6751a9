using System.Globalization;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Skills.BuiltIn;

/// <summary>
/// Sets the volume (0..10, the scale people say) or steps it up and down. Changing the volume also
/// unmutes, because someone asking for "volume five" wants to hear it.
/// </summary>
public sealed class VolumeSkill(IOptions<SkillOptions> options) : ISkill
{
    public const string SetVolume = "SetVolume";
    public const string VolumeUp = "VolumeUp";
    public const string VolumeDown = "VolumeDown";
    public const string LevelSlot = "level";

    private static readonly Dictionary<string, SlotType> LevelSlots = new() { [LevelSlot] = SlotType.Number };

    public string? Capability => "change the volume";

    public IReadOnlyList<IntentDefinition> Intents { get; } =
    [
        new(SetVolume,
        [
            "set the volume to {level}",
            "set volume to {level}",
            "change the volume to {level}",
            "turn the volume to {level}",
            "volume to {level}",
            "volume {level}",
        ], LevelSlots),
        new(VolumeUp,
        [
            "turn the volume up",
            "turn up the volume",
            "turn it up",
            "volume up",
            "louder",
            "make it louder",
        ]),
        new(VolumeDown,
        [
            "turn the volume down",
            "turn down the volume",
            "turn it down",
            "volume down",
            "quieter",
            "make it quieter",
            "softer",
        ]),
    ];

    public Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Handle(match, context));

    private SkillOutcome Handle(IntentMatch match, SkillContext context)
    {
        var current = context.Desired;
        var step = options.Value.VolumeStep;
        int target = match.Intent switch
        {
            SetVolume => int.Parse(match.Slots[LevelSlot], CultureInfo.InvariantCulture),
            VolumeUp => Math.Min(current.Volume + step, TwinPatch.MaxVolume),
            _ => Math.Max(current.Volume - step, 0),
        };

        if (target > TwinPatch.MaxVolume)
        {
            return new SkillOutcome($"I can set the volume from 0 to {TwinPatch.MaxVolume}.");
        }

        if (target == current.Volume && !current.Muted)
        {
            return new SkillOutcome(target switch
            {
                TwinPatch.MaxVolume when match.Intent == VolumeUp => "That's as loud as I go.",
                0 when match.Intent == VolumeDown => "The volume is already at 0.",
                _ => $"The volume is already {target}.",
            });
        }

        return new SkillOutcome(
            $"Volume {target}.",
            new TwinChange(Volume: target, Muted: current.Muted ? false : null));
    }
}
