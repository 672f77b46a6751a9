namespace SpeakerHub.Cloud.Grains.Timers;

/// <summary>Limits of the timer feature (configuration section "Timers").</summary>
public sealed class TimerOptions
{
    public const string SectionName = "Timers";

    /// <summary>Running timers per device; more is a mistake or abuse, and each costs a stored entry.</summary>
    public int MaxTimersPerDevice { get; set; } = 10;

    /// <summary>Longest timer; past a day people want a reminder or an alarm, not a timer.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Period of the stored reminder that wakes a timer grain whose in-memory timer was lost (deactivation,
    /// silo restart). Orleans refuses reminder periods under its minimum (one minute by default).
    /// </summary>
    public TimeSpan BackstopPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A timer found overdue by more than this (the cluster was down when it ran out) is dropped, not
    /// announced: "your timer is done" an hour late misleads more than it helps.
    /// </summary>
    public TimeSpan LateAnnouncementLimit { get; set; } = TimeSpan.FromMinutes(5);

    internal IEnumerable<string> Problems()
    {
        if (MaxTimersPerDevice < 1)
        {
            yield return "MaxTimersPerDevice must be at least 1.";
        }

        if (MaxDuration <= TimeSpan.Zero)
        {
            yield return "MaxDuration must be positive.";
        }

        if (BackstopPeriod <= TimeSpan.Zero)
        {
            yield return "BackstopPeriod must be positive.";
        }

        if (LateAnnouncementLimit < TimeSpan.Zero)
        {
            yield return "LateAnnouncementLimit must not be negative.";
        }
    }
}
