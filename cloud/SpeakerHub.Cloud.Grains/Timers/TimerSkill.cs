using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Timers;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Timers;

/// <summary>
/// Kitchen timers by voice: set (asking "For how long?" when the duration is missing), cancel one
/// (asking which when several run), cancel all (confirmed when there are several), and time left.
/// The timers themselves live in the device's <see cref="ITimerGrain"/>.
/// </summary>
public sealed partial class TimerSkill(TimeProvider time, IOptions<TimerOptions> options) : ISkill
{
    public const string SetTimer = "SetTimer";
    public const string CancelTimer = "CancelTimer";
    public const string CancelAllTimers = "CancelAllTimers";
    public const string TimeLeft = "TimerTimeLeft";

    /// <summary>"Five minutes" after "For how long?".</summary>
    public const string DurationAnswer = "TimerDurationAnswer";

    /// <summary>"The pasta one" after "Which timer?".</summary>
    public const string ChoiceAnswer = "TimerChoiceAnswer";

    public const string DurationQuestion = "For how long?";
    public const string NoTimersSpeech = "You don't have any timers.";

    public string? Capability => "set timers";

    public async Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken)
    {
        // Answers mean something only to the dialog that asked; here nothing did.
        if (match.Intent is DurationAnswer or ChoiceAnswer)
        {
            return SkillOutcome.NotUnderstood;
        }

        if (match.Intent == SetTimer && TimerDurations.Read(match.Slots) is null)
        {
            return SkillOutcome.Ask(DurationQuestion, DurationAnswer);
        }

        var timers = context.Grains.GetTimers(context.DeviceId);
        return match.Intent switch
        {
            SetTimer => await Set(timers, match.Slots),
            CancelTimer => await CancelOne(timers, match.Slots),
            CancelAllTimers => await CancelAll(timers, context.Confirmed),
            _ => await Left(timers, match.Slots),
        };
    }

    private async Task<SkillOutcome> Set(ITimerGrain timers, IReadOnlyDictionary<string, string> slots)
    {
        var limits = options.Value;
        var duration = TimerDurations.Read(slots)!.Value;

        if (duration > limits.MaxDuration)
        {
            return new SkillOutcome($"I can set timers for up to {SpokenDuration.Length(limits.MaxDuration)}.");
        }

        var running = await timers.List();
        if (running.Count >= limits.MaxTimersPerDevice)
        {
            return new SkillOutcome($"You already have {SpokenDuration.Number(running.Count)} timers. Cancel one first.");
        }

        var name = slots.GetValueOrDefault(NameSlot);
        await timers.Start(duration, name);
        var length = SpokenDuration.Length(duration);
        return new SkillOutcome(Sentence(name is null ? $"{length}, starting now." : $"{name} timer for {length}, starting now."));
    }

    private static async Task<SkillOutcome> CancelOne(ITimerGrain timers, IReadOnlyDictionary<string, string> slots)
    {
        var running = await timers.List();
        if (running.Count == 0)
        {
            return new SkillOutcome(NoTimersSpeech);
        }

        var chosen = Choose(running, slots);
        if (chosen.Count == 0)
        {
            return new SkillOutcome($"You don't have a {Named(slots)} timer.");
        }

        // Several with one label ("two five minute timers") cannot be told apart: the soonest goes.
        if (chosen.Select(TimerSpeech.Label).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            var labels = chosen.Select(timer => "the " + TimerSpeech.Label(timer)).ToArray();
            return SkillOutcome.Ask($"Which timer: {string.Join(", ", labels[..^1])} or {labels[^1]}?", ChoiceAnswer);
        }

        var timer = chosen[0];
        return new SkillOutcome(await timers.Cancel(timer.Id)
            ? $"Okay, I cancelled your {TimerSpeech.Label(timer)}."
            : $"Your {TimerSpeech.Label(timer)} already rang.");
    }

    private static async Task<SkillOutcome> CancelAll(ITimerGrain timers, bool confirmed)
    {
        var running = await timers.List();
        if (running.Count == 0)
        {
            return new SkillOutcome(NoTimersSpeech);
        }

        if (running.Count > 1 && !confirmed)
        {
            return SkillOutcome.Confirm($"Cancel all {SpokenDuration.Number(running.Count)} timers?");
        }

        var cancelled = await timers.CancelAll();
        return new SkillOutcome(cancelled == 1
            ? "Okay, I cancelled your timer."
            : $"Okay, I cancelled all {SpokenDuration.Number(cancelled)} timers.");
    }

    private async Task<SkillOutcome> Left(ITimerGrain timers, IReadOnlyDictionary<string, string> slots)
    {
        var running = await timers.List();
        if (running.Count == 0)
        {
            return new SkillOutcome(NoTimersSpeech);
        }

        var chosen = Choose(running, slots);
        if (chosen.Count == 0)
        {
            return new SkillOutcome($"You don't have a {Named(slots)} timer.");
        }

        var now = time.GetUtcNow();
        return new SkillOutcome(string.Join(' ', chosen.Select(timer =>
            $"Your {TimerSpeech.Label(timer)} has {SpokenDuration.Remaining(timer.DueAt - now)} left.")));
    }

    /// <summary>The timers a sentence names (by name or by how long they were set for), or all of them.</summary>
    private static IReadOnlyList<RunningTimer> Choose(IReadOnlyList<RunningTimer> running, IReadOnlyDictionary<string, string> slots)
    {
        if (slots.TryGetValue(NameSlot, out var name))
        {
            return running.Where(timer => timer.Name == name).ToArray();
        }

        return TimerDurations.Read(slots) is { } duration ? running.Where(timer => timer.Duration == duration).ToArray() : running;
    }

    private static string Named(IReadOnlyDictionary<string, string> slots) =>
        slots.GetValueOrDefault(NameSlot) ?? SpokenDuration.Adjective(TimerDurations.Read(slots) ?? TimeSpan.Zero);

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
