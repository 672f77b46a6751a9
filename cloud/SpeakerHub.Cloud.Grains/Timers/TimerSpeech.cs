using SpeakerHub.Cloud.Abstractions.Timers;

namespace SpeakerHub.Cloud.Grains.Timers;

/// <summary>What the speaker says about a timer, so the skill and the ringing grain name it alike.</summary>
public static class TimerSpeech
{
    /// <summary>"pasta timer" or "five minute timer".</summary>
    public static string Label(RunningTimer timer) => (timer.Name ?? SpokenDuration.Adjective(timer.Duration)) + " timer";

    public static string Done(RunningTimer timer) => $"Your {Label(timer)} is done.";
}
