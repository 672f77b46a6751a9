using System.Diagnostics;
using System.Globalization;
using SpeakerHub.Cloud.Api.Fleet;
using SpeakerHub.Firmware.Host.Running;

namespace SpeakerHub.LoadGen.Ota;

/// <summary>One second of a rollout, for the timeline: how far the fleet was and what the process spent.</summary>
public sealed record RolloutSample(
    double Seconds,
    long BytesInFlash,
    int Downloading,
    int Staged,
    int Installed,
    int Failed,
    double CpuPercentOfMachine,
    int ThreadPoolThreads,
    long ThreadPoolQueue);

/// <summary>
/// Follows a rollout from the moment it was requested: polls <c>GET /api/fleet/rollouts/{id}</c> (the
/// operator's view: device states as the cloud has them) every <see cref="PollInterval"/>, and once a
/// second asks every speaker, on its own loop, how many bytes of the bundle its flash holds (the bytes
/// the states cannot show). Times are on the wall clock from <see cref="RequestedAt"/>, the clock the
/// in-process cloud stamps its records with too.
/// </summary>
public sealed class RolloutWatch
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>Everyone staged this long ago and some still not installed: look at those speakers once.</summary>
    private static readonly TimeSpan StragglerPatience = TimeSpan.FromSeconds(10);

    private readonly FleetOperatorClient _fleet;
    private readonly IReadOnlyList<DeviceRunner> _devices;
    private readonly string _newVersion;
    private readonly int _bundleBytes;
    private readonly Stopwatch _clock;
    private readonly List<RolloutSample> _samples = [];
    private volatile RolloutView? _latest;
    private long _bytesInFlash;
    private bool _stragglersDescribed;

    public RolloutWatch(FleetOperatorClient fleet, IReadOnlyList<DeviceRunner> devices, string newVersion, int bundleBytes, DateTimeOffset requestedAt, Stopwatch clock)
    {
        _fleet = fleet;
        _devices = devices;
        _newVersion = newVersion;
        _bundleBytes = bundleBytes;
        RequestedAt = requestedAt;
        _clock = clock;
    }

    /// <summary>When <c>POST /api/fleet/rollouts</c> was sent: time zero of every figure.</summary>
    public DateTimeOffset RequestedAt { get; }

    public RolloutView? Latest => _latest;

    /// <summary>When the rollout first counted every device staged or installed: all downloaded and verified.</summary>
    public TimeSpan? AllStagedAfter { get; private set; }

    /// <summary>When the rollout first counted every device installed.</summary>
    public TimeSpan? AllInstalledAfter { get; private set; }

    public IReadOnlyList<RolloutSample> Samples => _samples;

    /// <summary>
    /// Speakers that had not installed <see cref="StragglerPatience"/> after all were staged (or at the
    /// timeout), as they saw themselves then (state, link, updater); empty when there were none.
    /// </summary>
    public IReadOnlyList<string> Stragglers { get; private set; } = [];

    /// <summary>Polls until every device installed, the rollout stopped or could not go on, or the timeout.</summary>
    public async Task<RolloutView?> FollowAsync(string rolloutId, int devices, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using CancellationTokenSource stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sampling = SampleAsync(stopSampling.Token);
        try
        {
            while (true)
            {
                RolloutView rollout = await _fleet.GetRolloutAsync(rolloutId, cancellationToken);
                _latest = rollout;
                TimeSpan now = _clock.Elapsed;
                int installed = Count(rollout, "installed");
                if (AllStagedAfter is null && installed + Count(rollout, "staged") >= devices)
                {
                    AllStagedAfter = now;
                }

                if (installed >= devices)
                {
                    AllInstalledAfter = now;
                    return rollout;
                }

                // Everyone finished, some not with the image; or the rollout itself gave up.
                if (installed + Unsuccessful(rollout) >= devices || rollout.Phase is "aborted" or "paused" or "completed" or "rolled-back")
                {
                    return rollout;
                }

                if (now >= timeout)
                {
                    if (!_stragglersDescribed)
                    {
                        Stragglers = await DescribeStragglersAsync();
                    }

                    return rollout;
                }

                if (AllStagedAfter is { } staged && now - staged >= StragglerPatience && !_stragglersDescribed)
                {
                    Stragglers = await DescribeStragglersAsync();
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        finally
        {
            await stopSampling.CancelAsync();
            await sampling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The progress line: states as the rollout counts them, and the bytes the speakers' flash holds.</summary>
    public string Describe()
    {
        RolloutView? rollout = _latest;
        double seconds = _clock.Elapsed.TotalSeconds;
        long bytes = Interlocked.Read(ref _bytesInFlash);
        string states = rollout is null
            ? "waiting for the rollout"
            : $"{Count(rollout, "installed")} installed, {Count(rollout, "staged")} staged, " +
              $"{Count(rollout, "downloading") + Count(rollout, "verifying")} downloading, {Count(rollout, "offered")} offered, {Unsuccessful(rollout)} failed";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"rollout: {states}; {bytes / 1e6:0.0} MB in flash, {(seconds > 0 ? bytes / 1e6 / seconds : 0):0.0} MB/s; {seconds:0.0} s");
    }

    public static int Count(RolloutView rollout, string state) => rollout.States.GetValueOrDefault(state);

    /// <summary>Devices that finished without the image: failed, rolled back, cancelled.</summary>
    public static int Unsuccessful(RolloutView rollout) =>
        Count(rollout, "failed") + Count(rollout, "rolled-back") + Count(rollout, "cancelled");

    private async Task SampleAsync(CancellationToken stop)
    {
        using PeriodicTimer timer = new(SampleInterval);
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan wallBefore = _clock.Elapsed;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                long bytes = (await Task.WhenAll(_devices.Select(BytesInFlashAsync))).Sum();
                Interlocked.Exchange(ref _bytesInFlash, bytes);
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                TimeSpan wall = _clock.Elapsed;
                double cpuPercent = (cpu - cpuBefore).TotalSeconds / (wall - wallBefore).TotalSeconds / Environment.ProcessorCount * 100;
                cpuBefore = cpu;
                wallBefore = wall;
                RolloutView? rollout = _latest;
                _samples.Add(new RolloutSample(
                    wall.TotalSeconds,
                    bytes,
                    rollout is null ? 0 : Count(rollout, "downloading") + Count(rollout, "verifying"),
                    rollout is null ? 0 : Count(rollout, "staged"),
                    rollout is null ? 0 : Count(rollout, "installed"),
                    rollout is null ? 0 : Unsuccessful(rollout),
                    cpuPercent,
                    ThreadPool.ThreadCount,
                    ThreadPool.PendingWorkItemCount));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Asked once per run: it posts an input to every speaker's loop.</summary>
    private async Task<IReadOnlyList<string>> DescribeStragglersAsync()
    {
        _stragglersDescribed = true;
        string?[] described = await Task.WhenAll(_devices.Select(device => device.InvokeAsync(speaker =>
            speaker.Identity.FirmwareVersion == _newVersion && speaker.Updater is { OnTrial: false }
                ? null
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"{device.DeviceId}: runs {speaker.Identity.FirmwareVersion}, {speaker.State}, online {speaker.IsOnline}, " +
                    $"restarts {device.Restarts}, reconnects {speaker.Reconnects}, boots {speaker.BootCount}, " +
                    $"updater phase {speaker.Updater?.Phase} on trial {speaker.Updater?.OnTrial} bytes {speaker.Updater?.BytesWritten}, " +
                    $"queued {speaker.QueuedMessages} dropped {speaker.DroppedMessages}"))));
        return [.. described.OfType<string>()];
    }

    /// <summary>On the device's loop, like any input: the bundle's bytes its updater has written, all of them once it runs the new image.</summary>
    private Task<long> BytesInFlashAsync(DeviceRunner device) => device.InvokeAsync(speaker =>
        speaker.Identity.FirmwareVersion == _newVersion ? _bundleBytes : (long)(speaker.Updater?.BytesWritten ?? 0));
}
