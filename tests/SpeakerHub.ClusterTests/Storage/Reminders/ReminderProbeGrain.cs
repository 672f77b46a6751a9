using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace SpeakerHub.ClusterTests.Storage.Reminders;

/// <summary>A grain that exists only to register reminders and report their ticks from inside a silo.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan period);

    Task UnregisterAsync(string reminderName);

    Task<string[]> GetReminderNamesAsync();

    /// <summary>Completes once this activation has received a tick of <paramref name="reminderName"/>.</summary>
    Task WaitForTickAsync(string reminderName);
}

// Reentrant so a tick can be delivered while a caller is parked in WaitForTickAsync.
[Reentrant]
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private readonly Dictionary<string, TaskCompletionSource> ticks = new(StringComparer.Ordinal);

    public Task RegisterAsync(string reminderName, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime: period, period: period);

    public async Task UnregisterAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName)
            ?? throw new InvalidOperationException($"No reminder '{reminderName}' to unregister.");
        await this.UnregisterReminder(reminder);
    }

    public async Task<string[]> GetReminderNamesAsync() =>
        [.. (await this.GetReminders()).Select(reminder => reminder.ReminderName).Order(StringComparer.Ordinal)];

    public Task WaitForTickAsync(string reminderName) => Tick(reminderName).Task;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Tick(reminderName).TrySetResult();
        return Task.CompletedTask;
    }

    private TaskCompletionSource Tick(string reminderName)
    {
        if (!ticks.TryGetValue(reminderName, out var tick))
        {
            tick = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ticks.Add(reminderName, tick);
        }

        return tick;
    }
}
