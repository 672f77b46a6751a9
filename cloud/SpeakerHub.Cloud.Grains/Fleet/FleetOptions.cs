namespace SpeakerHub.Cloud.Grains.Fleet;

/// <summary>The <c>Fleet</c> section: how rollouts are driven.</summary>
public sealed class FleetOptions
{
    public const string SectionName = "Fleet";

    /// <summary>How often an active rollout looks at its wave (a reminder every minute is the backstop after a restart).</summary>
    public TimeSpan RolloutTick { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Not-yet-updated devices a wave is compared with.</summary>
    public int ControlSampleSize { get; set; } = 200;

    /// <summary>Device grains called at once when offering, withdrawing or reading health.</summary>
    public int DeviceCallBatch { get; set; } = 100;
}
