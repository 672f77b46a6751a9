namespace SpeakerHub.Cloud.Grains.Timers;

/// <summary>Everything people say to the timer skill; <c>{duration}</c> stands for each way of saying how long.</summary>
public sealed partial class TimerSkill
{
    public const string NameSlot = "timerName";

    /// <summary>What people time most; a named timer rings as "your pasta timer is done".</summary>
    public static SlotType Names { get; } = new(NameSlot,
    [
        new("pasta"), new("eggs", "eggs", "egg"), new("tea"), new("rice"), new("pizza"), new("oven"), new("bread"),
        new("cake"), new("cookies"), new("potatoes"), new("chicken"), new("laundry"), new("workout"), new("homework"),
        new("nap"),
    ]);

    private static readonly Dictionary<string, SlotType> Slots =
        new(TimerDurations.Slots) { [NameSlot] = Names };

    public IReadOnlyList<IntentDefinition> Intents { get; } =
    [
        new(SetTimer,
        [
            .. TimerDurations.Expand(
                "set a timer for {duration}",
                "set timer for {duration}",
                "set the timer for {duration}",
                "start a timer for {duration}",
                "create a timer for {duration}",
                "timer for {duration}",
                "set a {duration} timer",
                "start a {duration} timer",
                "set a {timerName} timer for {duration}",
                "start a {timerName} timer for {duration}"),
            "set a timer",
            "set the timer",
            "start a timer",
            "create a timer",
            "set a {timerName} timer",
            "start a {timerName} timer",
        ], Slots),
        new(DurationAnswer, [.. TimerDurations.Expand("{duration}", "for {duration}", "make it {duration}")], Slots, AnswerOnly: true),
        new(CancelTimer,
        [
            "cancel the timer",
            "cancel my timer",
            "cancel timer",
            "stop the timer",
            "delete the timer",
            "turn off the timer",
            "cancel the {timerName} timer",
            "cancel my {timerName} timer",
            "stop the {timerName} timer",
            "delete the {timerName} timer",
            .. TimerDurations.Expand("cancel the {duration} timer", "cancel my {duration} timer", "stop the {duration} timer"),
        ], Slots),
        new(ChoiceAnswer,
        [
            "the {timerName} timer",
            "the {timerName} one",
            "{timerName}",
            .. TimerDurations.Expand("the {duration} timer", "the {duration} one"),
        ], Slots, AnswerOnly: true),
        new(CancelAllTimers,
        [
            "cancel all timers",
            "cancel all the timers",
            "cancel all my timers",
            "cancel all of my timers",
            "delete all timers",
            "delete all the timers",
            "stop all timers",
            "stop all the timers",
            "clear all timers",
        ]),
        new(TimeLeft,
        [
            "how long left",
            "how long is left",
            "how much time is left",
            "how much time left",
            "how long is left on my timer",
            "how long is left on the timer",
            "how much time is left on my timer",
            "how much time is left on the timer",
            "how long until my timer goes off",
            "how long until the timer goes off",
            "what timers do i have",
            "check my timers",
            "how long is left on the {timerName} timer",
            "how much time is left on the {timerName} timer",
            "how long is left on my {timerName} timer",
        ], Slots),
    ];
}
