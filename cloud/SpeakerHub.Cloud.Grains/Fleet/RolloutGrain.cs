using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Grains.Fleet;

/// <summary>
/// One staged rollout. At creation the selector is resolved once into an ordered device list (a
/// stable shuffle, so each wave is a fair sample) cut into waves by cumulative percentage. A grain
/// timer drives the current wave while the grain is active; a reminder brings it back after a restart.
/// A wave is offered, then waits until all its devices finished (or its timeout), soaks, and is judged
/// by <see cref="RolloutJudge"/> against not-yet-updated devices; a breach pauses or aborts the rollout.
/// Device reports arrive one-way and are written in batches on the next tick.
/// </summary>
public sealed class RolloutGrain(
    [PersistentState("rollout", FleetStorage.Name)] IPersistentState<RolloutState> stored,
    IOptions<FleetOptions> options,
    TimeProvider time,
    ILogger<RolloutGrain> logger) : Grain, IRolloutGrain, IRemindable
{
    private const string ReminderName = "rollout";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly HashSet<string> retryOffers = new(StringComparer.Ordinal);
    private IGrainTimer? ticker;
    private bool dirty;
    private bool driving;

    private RolloutState State => stored.State;

    private string RolloutId => this.GetPrimaryKeyString();

    private RolloutSpec Spec => State.Spec ?? throw new FleetNotFoundException($"Rollout '{RolloutId}' does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Exists && IsActive(State.Phase))
        {
            await Reconcile();
            StartTicker();
        }
    }

    public async Task<RolloutStatus> Create(RolloutSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (State.Exists)
        {
            throw new FleetConflictException($"Rollout '{RolloutId}' already exists.");
        }

        RolloutPlan.Validate(spec);
        var image = await GrainFactory.GetFleet().GetImage(spec.ImageId)
            ?? throw new FleetNotFoundException($"Image '{spec.ImageId}' has not been uploaded.");
        if (image.Model != spec.Selector.Model)
        {
            throw new ArgumentException($"Image '{image.ImageId}' is for model '{image.Model}', the selector for '{spec.Selector.Model}'.");
        }

        var selected = await SelectDevices(spec.Selector, image.Version);
        if (selected.Count == 0)
        {
            throw new FleetConflictException(
                $"No device matches the selector (model '{spec.Selector.Model}'{RolloutPlan.Describe(spec.Selector)}) and is not already on {image.Version}.");
        }

        var now = time.GetUtcNow();
        var ordered = RolloutPlan.Order(RolloutId, selected.Keys);
        State.Spec = spec;
        State.Version = image.Version;
        State.Phase = RolloutPhase.Running;
        State.CreatedAt = now;
        State.UpdatedAt = now;
        State.Waves = RolloutPlan.CutWaves(ordered, spec.WavePercents);
        foreach (var wave in State.Waves)
        {
            foreach (var id in wave.DeviceIds)
            {
                State.Devices[id] = new RolloutDevice { Wave = wave.Index, FromVersion = selected[id] };
            }
        }

        await stored.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        logger.LogInformation(
            "Rollout {RolloutId} of {ImageId} ({Version}) created for {Devices} devices in {Waves} waves",
            RolloutId, spec.ImageId, image.Version, selected.Count, State.Waves.Count);
        StartTicker();
        await Drive();
        return Status();
    }

    public Task<RolloutStatus?> GetStatus() => Task.FromResult(State.Exists ? Status() : null);

    public async Task<RolloutStatus> Pause(string reason)
    {
        _ = Spec;
        if (State.Phase != RolloutPhase.Running)
        {
            throw new FleetConflictException($"Rollout '{RolloutId}' is {State.Phase}; only a running rollout can be paused.");
        }

        await SetPhase(RolloutPhase.Paused, string.IsNullOrWhiteSpace(reason) ? "paused by an operator" : reason);
        return Status();
    }

    public async Task<RolloutStatus> Resume()
    {
        _ = Spec;
        if (State.Phase != RolloutPhase.Paused)
        {
            throw new FleetConflictException($"Rollout '{RolloutId}' is {State.Phase}; only a paused rollout can be resumed.");
        }

        // Resuming after a failed verdict is the operator overriding it: the judged wave counts as done.
        var wave = State.Waves[State.CurrentWave];
        if (wave.Verdict is { Passed: false })
        {
            if (State.CurrentWave == State.Waves.Count - 1)
            {
                await SetPhase(RolloutPhase.Completed, "resumed after the last wave; nothing left to offer");
                return Status();
            }

            State.CurrentWave++;
        }

        await SetPhase(RolloutPhase.Running, null);
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        StartTicker();
        await Drive();
        return Status();
    }

    public async Task<RolloutStatus> Abort(string reason)
    {
        _ = Spec;
        if (State.Phase is not (RolloutPhase.Running or RolloutPhase.Paused))
        {
            throw new FleetConflictException($"Rollout '{RolloutId}' is {State.Phase}; only a running or paused rollout can be aborted.");
        }

        await AbortWith(string.IsNullOrWhiteSpace(reason) ? "aborted by an operator" : reason);
        return Status();
    }

    public async Task<RolloutStatus> Rollback()
    {
        var spec = Spec;
        if (State.Phase is RolloutPhase.RollingBack or RolloutPhase.RolledBack)
        {
            return Status();
        }

        if (State.Phase is RolloutPhase.Running or RolloutPhase.Paused)
        {
            await AbortWith("aborted for a rollback");
        }

        // Catch up first: a report may have been lost with an activation.
        await ReadHealth(State.Devices.Where(pair => pair.Value.State is not null).Select(pair => pair.Key).ToList());
        var images = await GrainFactory.GetFleet().ListImages();
        State.RollbackImages = images
            .Where(image => image.Model == spec.Selector.Model)
            .GroupBy(image => image.Version, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderByDescending(image => image.UploadedAt).First().ImageId, StringComparer.Ordinal);
        State.RollbackStartedAt = time.GetUtcNow();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var offers = new List<(string DeviceId, string ImageId)>();
        foreach (var (id, device) in State.Devices)
        {
            // Staged devices are on trial with the image: they take the rollback once they confirm (or fall back by themselves).
            if (device.State is not (DeviceUpdateState.Installed or DeviceUpdateState.Staged))
            {
                continue;
            }

            if (device.FromVersion is null || !State.RollbackImages.TryGetValue(device.FromVersion, out var previous))
            {
                missing.Add(device.FromVersion ?? "unknown");
                continue;
            }

            device.RollbackImageId = previous;
            device.RollbackState = DeviceUpdateState.Offered;
            offers.Add((id, previous));
        }

        var reason = missing.Count == 0
            ? $"rolling {offers.Count} devices back to the versions they ran before"
            : $"rolling {offers.Count} devices back; no uploaded image of version {string.Join(", ", missing)} for model {spec.Selector.Model}, so those devices stay";
        await SetPhase(offers.Count == 0 ? RolloutPhase.RolledBack : RolloutPhase.RollingBack, reason);
        await ForEachBatch(offers, offer => GrainFactory.GetDevice(offer.DeviceId).OfferFirmware(offer.ImageId, RolloutId));
        if (offers.Count > 0)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            StartTicker();
        }

        return Status();
    }

    public async Task ReportDevice(string deviceId, DeviceUpdateStatus status)
    {
        if (!State.Exists || !State.Devices.TryGetValue(deviceId, out var device))
        {
            return;
        }

        if (status.ImageId == Spec.ImageId)
        {
            device.State = status.State;
            device.Reason = status.Reason;
            dirty = true;
            if (State.Phase is RolloutPhase.RollingBack or RolloutPhase.RolledBack && status.State == DeviceUpdateState.Installed
                && device.RollbackImageId is null && device.FromVersion is { } from && State.RollbackImages.TryGetValue(from, out var back))
            {
                // Was on trial when the rollback started and confirmed the image since: it goes back too.
                device.RollbackImageId = back;
                device.RollbackState = DeviceUpdateState.Offered;
                await GrainFactory.GetDevice(deviceId).OfferFirmware(back, RolloutId);
            }
        }
        else if (status.ImageId == device.RollbackImageId)
        {
            device.RollbackState = status.State;
            dirty = true;
        }

        // Nothing is ticking to write it later: a report after the rollout ended is stored now.
        if (dirty && ticker is null)
        {
            dirty = false;
            State.UpdatedAt = time.GetUtcNow();
            await stored.WriteStateAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The activation itself restarted the ticker; this only makes sure a grain exists to tick.
        // A paused rollout keeps its reminder, so a resume after a restart is driven again.
        if (State.Exists && (IsActive(State.Phase) || State.Phase == RolloutPhase.Paused))
        {
            if (IsActive(State.Phase))
            {
                StartTicker();
            }

            return;
        }

        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static bool IsActive(RolloutPhase phase) => phase is RolloutPhase.Running or RolloutPhase.RollingBack;

    private void StartTicker()
    {
        var period = options.Value.RolloutTick;
        ticker ??= this.RegisterGrainTimer(
            Tick, new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = false });
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        try
        {
            await Drive();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Rollout {RolloutId} could not advance; trying again next tick", RolloutId);
        }
    }

    private async Task Drive()
    {
        if (driving)
        {
            return;
        }

        driving = true;
        try
        {
            if (State.Phase == RolloutPhase.Running)
            {
                await DriveWave();
            }
            else if (State.Phase == RolloutPhase.RollingBack)
            {
                await DriveRollback();
            }

            if (retryOffers.Count > 0 && State.Phase == RolloutPhase.Running)
            {
                var again = retryOffers.ToList();
                retryOffers.Clear();
                retryOffers.UnionWith(await ForEachBatch(again, id => GrainFactory.GetDevice(id).OfferFirmware(Spec.ImageId, RolloutId)));
            }

            if (!IsActive(State.Phase))
            {
                ticker?.Dispose();
                ticker = null;
            }

            if (dirty)
            {
                dirty = false;
                State.UpdatedAt = time.GetUtcNow();
                await stored.WriteStateAsync();
            }
        }
        finally
        {
            driving = false;
        }
    }

    private async Task DriveRollback()
    {
        var pending = State.Devices.Where(pair => pair.Value.RollbackImageId is not null && !IsTerminal(pair.Value.RollbackState)).ToList();
        var timedOut = time.GetUtcNow() - (State.RollbackStartedAt ?? State.UpdatedAt) >= Spec.WaveTimeout;
        if (pending.Count > 0 && !timedOut)
        {
            return;
        }

        var back = State.Devices.Values.Count(d => d.RollbackState == DeviceUpdateState.Installed);
        var unfinished = pending.Count > 0 ? $" {pending.Count} did not finish within {Spec.WaveTimeout}." : string.Empty;
        await SetPhase(RolloutPhase.RolledBack, $"{back} devices back on their previous image.{unfinished} {State.Reason}");
    }

    private async Task DriveWave()
    {
        var spec = Spec;
        var wave = State.Waves[State.CurrentWave];
        var now = time.GetUtcNow();
        if (wave.StartedAt is null)
        {
            await StartWave(wave);
            return;
        }

        var devices = wave.DeviceIds.Select(id => State.Devices[id]).ToArray();
        var failedSoFar = devices.Count(d => d.State is DeviceUpdateState.Failed or DeviceUpdateState.RolledBack);
        var cannotPass = failedSoFar > devices.Length * (1 - spec.Gates.MinSuccessRate) + 1e-9;
        var finished = devices.All(d => IsTerminal(d.State));
        var timedOut = now - wave.StartedAt.Value >= spec.WaveTimeout;
        if (!finished && !timedOut && !cannotPass)
        {
            return;
        }

        if (!cannotPass)
        {
            if (wave.SoakUntil is null)
            {
                wave.SoakUntil = now + spec.Soak;
                dirty = true;
            }

            if (now < wave.SoakUntil)
            {
                return;
            }
        }

        var verdict = await Judge(wave, now);
        wave.Verdict = verdict;
        wave.CompletedAt = now;
        dirty = true;
        logger.LogInformation("Rollout {RolloutId} wave {Wave}: {Summary}", RolloutId, wave.Index + 1, verdict.Summary);
        if (!verdict.Passed)
        {
            var reason = $"health gate breached in wave {wave.Index + 1}: {verdict.Summary}";
            if (spec.OnBreach == GateAction.Abort)
            {
                await AbortWith(reason);
            }
            else
            {
                await SetPhase(RolloutPhase.Paused, reason);
            }

            return;
        }

        if (State.CurrentWave == State.Waves.Count - 1)
        {
            var installed = State.Devices.Values.Count(d => d.State == DeviceUpdateState.Installed);
            await SetPhase(RolloutPhase.Completed, $"{installed} of {State.Devices.Count} devices run {State.Version}");
            return;
        }

        State.CurrentWave++;
        await StartWave(State.Waves[State.CurrentWave]);
    }

    private async Task StartWave(RolloutWave wave)
    {
        var later = State.Waves.Where(w => w.Index > wave.Index).SelectMany(w => w.DeviceIds).ToList();
        wave.ControlIds = RolloutPlan.Order(RolloutId + "/control/" + wave.Index, later).Take(options.Value.ControlSampleSize).ToList();
        wave.Baseline = await ReadHealth(wave.DeviceIds.Concat(wave.ControlIds));
        wave.StartedAt = time.GetUtcNow();
        foreach (var id in wave.DeviceIds)
        {
            State.Devices[id].State = DeviceUpdateState.Offered;
        }

        // Stored before the offers: after a crash the wave is known to be under way, never offered twice blind.
        State.UpdatedAt = time.GetUtcNow();
        await stored.WriteStateAsync();
        retryOffers.UnionWith(await ForEachBatch(wave.DeviceIds, id => GrainFactory.GetDevice(id).OfferFirmware(Spec.ImageId, RolloutId)));
        logger.LogInformation("Rollout {RolloutId} wave {Wave} offered to {Devices} devices", RolloutId, wave.Index + 1, wave.DeviceIds.Count);
    }

    private async Task<WaveVerdict> Judge(RolloutWave wave, DateTimeOffset now)
    {
        var current = await ReadHealth(wave.DeviceIds.Concat(wave.ControlIds));
        var outcomes = wave.DeviceIds.Select(id => State.Devices[id].State).ToArray();
        return RolloutJudge.Judge(Spec.Gates, wave, outcomes, current, now);
    }

    private async Task<Dictionary<string, DeviceHealthCounters>> ReadHealth(IEnumerable<string> deviceIds)
    {
        var result = new Dictionary<string, DeviceHealthCounters>(StringComparer.Ordinal);
        await ForEachBatch(deviceIds.Distinct().ToList(), async id =>
        {
            if (await GrainFactory.GetDevice(id).GetFleetInfo() is { } info)
            {
                result[id] = info.Health;
                if (State.Devices.TryGetValue(id, out var device) && info.Update is { } update)
                {
                    // Catches up a report that was lost with an activation.
                    if (update.ImageId == Spec.ImageId && device.State is not null)
                    {
                        device.State = update.State;
                        device.Reason = update.Reason;
                    }
                    else if (update.ImageId == device.RollbackImageId)
                    {
                        device.RollbackState = update.State;
                    }
                }

                if (State.Phase == RolloutPhase.Running && State.Devices.TryGetValue(id, out var offered)
                    && offered.State == DeviceUpdateState.Offered && info.FirmwareTarget != Spec.ImageId)
                {
                    // Stored as offered, but the offer never reached the device grain (a crash in between).
                    retryOffers.Add(id);
                }
            }
        });
        return result;
    }

    /// <summary>After a restart: devices offered but not finished may have reported while no activation was there.</summary>
    private async Task Reconcile()
    {
        var open = State.Devices
            .Where(pair => (pair.Value.State is not null && !IsTerminal(pair.Value.State))
                || (pair.Value.RollbackImageId is not null && !IsTerminal(pair.Value.RollbackState)))
            .Select(pair => pair.Key).ToList();
        if (open.Count > 0)
        {
            await ReadHealth(open);
            dirty = true;
        }
    }

    private async Task AbortWith(string reason)
    {
        var open = State.Devices.Where(pair => pair.Value.State is not null && !IsTerminal(pair.Value.State) && pair.Value.State != DeviceUpdateState.Staged)
            .Select(pair => pair.Key).ToList();
        await SetPhase(RolloutPhase.Aborted, reason);
        await ForEachBatch(open, id => GrainFactory.GetDevice(id).WithdrawFirmware(RolloutId));
        logger.LogWarning("Rollout {RolloutId} aborted: {Reason}; {Count} unfinished offers withdrawn", RolloutId, reason, open.Count);
    }

    private async Task SetPhase(RolloutPhase phase, string? reason)
    {
        State.Phase = phase;
        State.Reason = reason;
        State.UpdatedAt = time.GetUtcNow();
        dirty = false;
        await stored.WriteStateAsync();
        if (!IsActive(phase) && phase != RolloutPhase.Paused && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<Dictionary<string, string?>> SelectDevices(RolloutSelector selector, string targetVersion)
    {
        var directory = GrainFactory.GetDeviceDirectory();
        var selected = new Dictionary<string, string?>(StringComparer.Ordinal);
        var page = options.Value.DeviceCallBatch;
        for (var skip = 0; ; skip += page)
        {
            var ids = await directory.List(skip, page);
            if (ids.Count == 0)
            {
                break;
            }

            var infos = await Task.WhenAll(ids.Select(id => GrainFactory.GetDevice(id).GetFleetInfo()));
            foreach (var info in infos)
            {
                // A device still working on another offer is left to it: one rollout per device at a time.
                var busy = !string.IsNullOrEmpty(info?.FirmwareTarget) && info?.Update is { IsTerminal: false };
                if (info is not null && !busy && RolloutPlan.Matches(selector, info) && info.FirmwareVersion != targetVersion)
                {
                    selected[info.DeviceId] = info.FirmwareVersion;
                }
            }
        }

        return selected;
    }

    /// <summary>Calls a device grain per item, a batch at a time; returns the items whose call failed.</summary>
    private async Task<List<T>> ForEachBatch<T>(IReadOnlyList<T> items, Func<T, Task> call)
    {
        var failed = new List<T>();
        var batch = options.Value.DeviceCallBatch;
        for (var i = 0; i < items.Count; i += batch)
        {
            var calls = items.Skip(i).Take(batch).Select(async item =>
            {
                try
                {
                    await call(item);
                    return true;
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Rollout {RolloutId}: a device call failed; tried again next tick", RolloutId);
                    return false;
                }
            }).ToArray();
            var results = await Task.WhenAll(calls);
            failed.AddRange(items.Skip(i).Take(batch).Where((_, index) => !results[index]));
        }

        return failed;
    }

    /// <summary>State names as the API spells them: "installed", "rolled-back".</summary>
    private static string Name(DeviceUpdateState state) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString());

    private static bool IsTerminal(DeviceUpdateState? state) =>
        state is DeviceUpdateState.Installed or DeviceUpdateState.Failed or DeviceUpdateState.RolledBack or DeviceUpdateState.Cancelled;

    private RolloutStatus Status()
    {
        var spec = Spec;
        var waves = State.Waves.Select(wave => new WaveStatus(
            wave.Index,
            wave.Percent,
            wave.DeviceIds.Count,
            wave.StartedAt,
            wave.SoakUntil,
            wave.CompletedAt,
            CountStates(wave.DeviceIds.Select(id => State.Devices[id])),
            wave.Verdict)).ToArray();
        return new RolloutStatus(
            RolloutId, spec.ImageId, State.Version, State.Phase, State.Reason, State.CurrentWave, State.Devices.Count, waves,
            CountStates(State.Devices.Values), State.CreatedAt, State.UpdatedAt, spec);
    }

    private static IReadOnlyDictionary<string, int> CountStates(IEnumerable<RolloutDevice> devices) =>
        devices
            .GroupBy(device => device.RollbackState is { } back ? "rollback-" + Name(back) : device.State is { } state ? Name(state) : "pending")
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
}
