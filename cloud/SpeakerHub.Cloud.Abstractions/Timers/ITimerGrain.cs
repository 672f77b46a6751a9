namespace SpeakerHub.Cloud.Abstractions.Timers;

/// <summary>
/// The kitchen timers of one speaker (key: device id). A timer that runs out is announced on the
/// device it was set on; timers are stored, so they survive the grain's deactivation and silo restarts.
/// </summary>
[Alias("SpeakerHub.ITimerGrain")]
public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Starts a timer; <paramref name="name"/> is what people call it ("pasta"), if anything.</summary>
    [Alias("Start")]
    Task<RunningTimer> Start(TimeSpan duration, string? name);

    /// <summary>Running timers, soonest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<RunningTimer>> List();

    /// <summary>Cancels one timer; false when it already rang or never existed.</summary>
    [Alias("Cancel")]
    Task<bool> Cancel(int timerId);

    /// <summary>Cancels every running timer and returns how many there were.</summary>
    [Alias("CancelAll")]
    Task<int> CancelAll();
}

/// <summary>One running timer: when it was set for, and the instant it rings.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.RunningTimer")]
public sealed record RunningTimer(
    [property: Id(0)] int Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] TimeSpan Duration,
    [property: Id(3)] DateTimeOffset DueAt);

public static class TimerGrainFactoryExtensions
{
    public static ITimerGrain GetTimers(this IGrainFactory grains, string deviceId) => grains.GetGrain<ITimerGrain>(deviceId);
}
