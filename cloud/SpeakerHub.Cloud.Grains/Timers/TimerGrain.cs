using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Timers;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Timers;

[GenerateSerializer, Alias("SpeakerHub.TimerState")]
public sealed class TimerState
{
    [Id(0)]
    public List<RunningTimer> Timers { get; set; } = [];

    [Id(1)]
    public int NextId { get; set; } = 1;
}

/// <summary>
/// The timers of one device. A grain timer rings each at its second while the grain is active; a
/// stored reminder due at the same moment is the backstop that brings the grain back after a
/// deactivation or silo restart. Whichever comes first rings the timer: it is removed and stored
/// before it is announced, so it rings at most once.
/// </summary>
public sealed class TimerGrain(
    [PersistentState("timers", SkillStorage.Name)] IPersistentState<TimerState> stored,
    IOptions<TimerOptions> options,
    TimeProvider time,
    ILogger<TimerGrain> logger) : Grain, ITimerGrain, IRemindable
{
    private const string ReminderName = "timers";

    private IGrainTimer? alarm;

    private List<RunningTimer> Timers => stored.State.Timers;

    private string DeviceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The reminder outlives activations; only the in-memory alarm needs setting again.
        SetAlarm();
        return Task.CompletedTask;
    }

    public async Task<RunningTimer> Start(TimeSpan duration, string? name)
    {
        var limits = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duration, limits.MaxDuration);
        if (Timers.Count >= limits.MaxTimersPerDevice)
        {
            throw new InvalidOperationException($"Device {DeviceId} already has {Timers.Count} timers.");
        }

        var timer = new RunningTimer(stored.State.NextId++, name, duration, time.GetUtcNow() + duration);
        Timers.Add(timer);
        await Reschedule();
        logger.LogInformation("Device {DeviceId} timer {TimerId} ({Name}) set for {Duration}", DeviceId, timer.Id, name, duration);
        return timer;
    }

    public Task<IReadOnlyList<RunningTimer>> List() =>
        Task.FromResult<IReadOnlyList<RunningTimer>>(Timers.OrderBy(timer => timer.DueAt).ToArray());

    public async Task<bool> Cancel(int timerId)
    {
        if (Timers.RemoveAll(timer => timer.Id == timerId) == 0)
        {
            return false;
        }

        await Reschedule();
        return true;
    }

    public async Task<int> CancelAll()
    {
        var count = Timers.Count;
        if (count > 0)
        {
            Timers.Clear();
            await Reschedule();
        }

        return count;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RingDue();

    private Task OnAlarm(CancellationToken cancellationToken) => RingDue();

    private async Task RingDue()
    {
        var now = time.GetUtcNow();
        var due = Timers.Where(timer => timer.DueAt <= now).ToArray();
        if (due.Length == 0)
        {
            // Woken early or by a backstop tick after the alarm already rang: just aim again.
            SetAlarm();
            return;
        }

        Timers.RemoveAll(timer => timer.DueAt <= now);
        await Reschedule();

        var late = options.Value.LateAnnouncementLimit;
        var announced = due.Where(timer => now - timer.DueAt <= late).ToArray();
        foreach (var dropped in due.Except(announced))
        {
            logger.LogWarning(
                "Device {DeviceId} timer {TimerId} found {Late} overdue; dropped without announcing", DeviceId, dropped.Id, now - dropped.DueAt);
        }

        // Not awaited: the device grain may be waiting on this grain (setting another timer) right now,
        // and this turn waiting on it in return would deadlock both until the call timeout.
        _ = Announce(announced);
    }

    private async Task Announce(IReadOnlyList<RunningTimer> timers)
    {
        var device = GrainFactory.GetDevice(DeviceId);
        foreach (var timer in timers)
        {
            try
            {
                var heard = await device.Announce(TimerSpeech.Done(timer));
                logger.LogInformation("Device {DeviceId} timer {TimerId} rang (announced: {Heard})", DeviceId, timer.Id, heard);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Device {DeviceId} timer {TimerId} rang but could not be announced", DeviceId, timer.Id);
            }
        }
    }

    /// <summary>Stores the timers, then aims the alarm and the backstop at the next one (or drops both).</summary>
    private async Task Reschedule()
    {
        try
        {
            await stored.WriteStateAsync();
        }
        catch
        {
            // Memory is now ahead of storage; let the next call start from what was really stored.
            DeactivateOnIdle();
            throw;
        }

        SetAlarm();
        if (NextDueIn() is { } dueIn)
        {
            await this.RegisterOrUpdateReminder(ReminderName, dueIn, options.Value.BackstopPeriod);
        }
        else if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void SetAlarm()
    {
        alarm?.Dispose();
        alarm = NextDueIn() is { } dueIn
            ? this.RegisterGrainTimer(OnAlarm, new GrainTimerCreationOptions(dueIn, Timeout.InfiniteTimeSpan) { KeepAlive = true })
            : null;
    }

    private TimeSpan? NextDueIn()
    {
        if (Timers.Count == 0)
        {
            return null;
        }

        var wait = Timers.Min(timer => timer.DueAt) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
