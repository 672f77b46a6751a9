using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Api.Fleet;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.LoadGen.Baseline;
using SpeakerHub.LoadGen.Cloud;
using SpeakerHub.LoadGen.Terminal;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Simulator.Fleet;
using SpeakerHub.Simulator.Terminal;
using ExitCodes = SpeakerHub.LoadGen.Terminal.ExitCodes;

namespace SpeakerHub.LoadGen.Ota;

/// <summary>
/// One <c>ota</c> run: the cloud (found or started), a throwaway signing key the cloud and N simulated
/// speakers trust, the speakers online on 1.0.0 with slots big enough for the bundle, then a simulated
/// app image at 1.1.0 signed, uploaded and rolled out to all of them in one wave without soak. The clock
/// starts when the rollout is requested and stops when the rollout counts every speaker installed:
/// downloaded, verified from flash, rebooted into the new image and confirmed healthy after
/// <see cref="OtaSettings.HealthyAfterMs"/>. Then, with the product stopped, the bare MQTT pull of the
/// same bytes; then the report.
/// </summary>
public static class OtaBenchmark
{
    public const string Model = "bench-speaker";
    public const string FromVersion = "1.0.0";
    public const string ToVersion = "1.1.0";

    /// <summary>Several rollout ticks (2 s by default): enough for the last wave to be judged.</summary>
    private static readonly TimeSpan RolloutEndPatience = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(OtaSettings settings, CloudTargetSettings target, TextWriter output, CancellationToken cancellationToken)
    {
        byte[] image = SimulatedAppImage.Create(ToVersion, settings.ImageBytes, neverHealthy: false);
        using BenchmarkSigningKey key = new();
        byte[] bundle = key.Sign(Model, ToVersion, image, settings.ChunkBytes);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"ota: {settings.Devices} speaker(s) {FromVersion} → {ToVersion}, image {settings.ImageBytes:N0} bytes (signed bundle {bundle.Length:N0}), " +
            $"chunks of {settings.ChunkBytes:N0} bytes, window {settings.WindowBytes:N0} bytes, healthy after {settings.HealthyAfterMs:N0} ms"));
        try
        {
            OtaResult? result = await RunProductAsync(settings, target, key, bundle, output, cancellationToken);
            if (result is null)
            {
                return ExitCodes.SetupFailed;
            }

            if (settings.Baseline)
            {
                result = result with { Baseline = await RunBaselineAsync(settings, bundle, cancellationToken) };
            }

            await OtaReport.WriteAsync(output, result, settings.Timeline);
            return result.Succeeded && result.Baseline?.Unfinished is null or 0 ? ExitCodes.Success : ExitCodes.RoundTripsFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; nothing was measured to the end.");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Null when the run could not be set up; the reason is already on standard error.</summary>
    private static async Task<OtaResult?> RunProductAsync(
        OtaSettings settings, CloudTargetSettings targetSettings, BenchmarkSigningKey key, byte[] bundle, TextWriter output, CancellationToken cancellationToken)
    {
        CloudTarget cloud;
        try
        {
            cloud = await CloudTarget.ConnectAsync(
                targetSettings, settings.Verbose, cancellationToken, HostSettings(settings), OtaCommand.ResolveOperatorKey(settings.OperatorKey));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"The in-process cloud host did not start: {failure.GetBaseException().Message}");
            return null;
        }

        await using (cloud)
        {
            await output.WriteLineAsync($"cloud: {cloud.Description}");
            if (cloud.OperatorKey is null)
            {
                await Console.Error.WriteLineAsync(
                    $"Give the fleet operator key with --operator-key, ${OtaCommand.OperatorKeyVariable} or .data/operator.key in the current folder.");
                return null;
            }

            using FleetOperatorClient fleetApi = new(cloud.Api, cloud.OperatorKey);
            SimulatedFleet fleet;
            Stopwatch setup = Stopwatch.StartNew();
            try
            {
                await fleetApi.RegisterSigningKeyAsync("loadgen-ota-" + key.PublicKeyHex[..8], key.PublicKeyHex, cancellationToken);
                await output.WriteLineAsync($"fleet: provisioning and starting {settings.Devices} speaker(s) …");
                ILogger logger = new StandardErrorLogger(settings.Verbose || settings.DeviceLogs ? LogLevel.Information : LogLevel.Warning);
                fleet = await SimulatedFleet.StartAsync(FleetOptions(cloud, settings, key, bundle.Length), logger: logger, cancellationToken: cancellationToken);
            }
            catch (Exception failure) when (failure is FleetApiException or HttpRequestException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync(failure is HttpRequestException
                    ? $"Could not reach the cloud's API at {cloud.Api}: {failure.Message}"
                    : failure.Message);
                return null;
            }

            await using (fleet)
            {
                if (!await AllOnlineAsync(fleet, settings.Devices, cancellationToken))
                {
                    await Console.Error.WriteLineAsync($"Not every speaker was online within {OnlineTimeout(settings.Devices).TotalSeconds:0} s; is the MQTT port {cloud.MqttPort} right?");
                    return null;
                }

                TimeSpan onlineAfter = setup.Elapsed;
                double idleCpu = await IdleCpuPercentAsync(cancellationToken);
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"fleet: {settings.Devices} speaker(s) online after {onlineAfter.TotalSeconds:0.0} s; idle, this process uses {idleCpu:0}% of {Environment.ProcessorCount} cores"));
                FirmwareImageView uploaded;
                try
                {
                    uploaded = await fleetApi.UploadImageAsync(bundle, cancellationToken);
                }
                catch (FleetApiException failure)
                {
                    await Console.Error.WriteLineAsync(failure.Message);
                    return null;
                }

                return await RollOutAsync(settings, fleetApi, fleet, uploaded, bundle.Length, output, cancellationToken);
            }
        }
    }

    private static async Task<OtaResult?> RollOutAsync(
        OtaSettings settings,
        FleetOperatorClient fleetApi,
        SimulatedFleet fleet,
        FirmwareImageView image,
        int bundleBytes,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        // Settle the set-up's garbage first, so the measured phase does not pay for it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        DateTimeOffset requestedAt = DateTimeOffset.UtcNow;
        Stopwatch clock = Stopwatch.StartNew();
        RolloutView created;
        try
        {
            created = await fleetApi.CreateSingleWaveRolloutAsync(image.ImageId, Model, FromVersion, settings.Timeout, cancellationToken);
        }
        catch (FleetApiException failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return null;
        }

        RolloutWatch watch = new(fleetApi, fleet.Devices, ToVersion, bundleBytes, requestedAt, clock);
        RolloutView? last;
        await using (ProgressLine.Show(watch.Describe))
        {
            last = await watch.FollowAsync(created.Id, settings.Devices, settings.Timeout, cancellationToken);
        }

        TimeSpan watched = clock.Elapsed;
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long peakWorkingSet = PeakWorkingSet();
        if (watch.AllInstalledAfter is not null)
        {
            // Not timed: the rollout judges its wave on its next tick; stopping the cloud before that
            // would leave it calling devices of a silo that is going away.
            last = await WaitUntilRolloutEndsAsync(fleetApi, created.Id, cancellationToken) ?? last;
        }

        IReadOnlyList<FleetDeviceView> devices = await fleetApi.ListDevicesAsync(Model, cancellationToken);
        List<double> installedAfterMs = [];
        Dictionary<string, int> reasons = new(StringComparer.Ordinal);
        foreach (FleetDeviceView device in devices)
        {
            DeviceUpdateView? update = device.Update;
            if (update is { State: "installed" } && update.ImageId == image.ImageId)
            {
                installedAfterMs.Add((update.UpdatedAt - requestedAt).TotalMilliseconds);
            }
            else
            {
                string reason = update is null
                    ? "never reported"
                    : $"{update.State}{(update.Reason is null ? string.Empty : $" ({update.Reason}{(update.Detail is null ? string.Empty : $": {update.Detail}")})")}";
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        // The precise moment of the last "installed" is the cloud's own stamp; the poll only saw it up to 250 ms later.
        TimeSpan? allInstalled = watch.AllInstalledAfter is null || installedAfterMs.Count < settings.Devices
            ? null
            : TimeSpan.FromMilliseconds(installedAfterMs.Max());
        return new OtaResult(
            settings.Devices,
            settings.ImageBytes,
            bundleBytes,
            image.ChunkSize,
            settings.WindowBytes,
            settings.HealthyAfterMs,
            created.Id,
            last?.Phase ?? "unknown",
            last?.States ?? new Dictionary<string, int>(),
            watch.AllStagedAfter,
            allInstalled,
            installedAfterMs,
            reasons,
            watched,
            cpu,
            peakWorkingSet,
            watch.Samples,
            watch.Stragglers,
            Baseline: null);
    }

    /// <summary>
    /// A speaker that reboots into the new image reconnects at once; on a busy host the broker may not
    /// have read its DISCONNECT yet, so it takes the old session over and MQTTnet logs a warning with a
    /// stack trace for the closed socket, hundreds of them in a run of 1,000. Errors still show.
    /// </summary>
    private static Dictionary<string, string?> HostSettings(OtaSettings settings) =>
        settings.Verbose ? [] : new() { ["Logging:LogLevel:MQTTnet"] = "Error" };

    private static async Task<RolloutView?> WaitUntilRolloutEndsAsync(FleetOperatorClient fleetApi, string id, CancellationToken cancellationToken)
    {
        Stopwatch waited = Stopwatch.StartNew();
        RolloutView? rollout = null;
        while (waited.Elapsed < RolloutEndPatience)
        {
            rollout = await fleetApi.GetRolloutAsync(id, cancellationToken);
            if (rollout.Phase != "running")
            {
                return rollout;
            }

            await Task.Delay(RolloutWatch.PollInterval, cancellationToken);
        }

        return rollout;
    }

    private static SimulatedFleetOptions FleetOptions(CloudTarget cloud, OtaSettings settings, BenchmarkSigningKey key, int bundleBytes)
    {
        SimulatedFleetOptions options = cloud.FleetOptions(settings.Devices);
        options.Model = Model;
        options.FirmwareVersion = FromVersion;

        // A slot holds the biggest bundle an image of this size can make (its header is at most MaxHeaderLength).
        int sectorSize = SimulatedFlash.DefaultSectorSize;
        int slotSectors = (settings.ImageBytes + FirmwareBundle.MaxHeaderLength + sectorSize - 1) / sectorSize;
        options.FlashLayout = new DeviceFlashLayout(slotSectors: Math.Max(slotSectors, (bundleBytes + sectorSize - 1) / sectorSize));
        options.KeepFlashInMemory = true;
        options.TrustedFirmwareKeys = [key.PublicKey];
        options.Updates = new FirmwareUpdateOptions
        {
            WindowBytes = settings.WindowBytes,
            HealthyAfterMs = settings.HealthyAfterMs,
        };

        // Separate from the other modes' devices: a rerun against an external host reuses these.
        options.DataFolder = Path.Combine(options.DataFolder, "ota");
        return options;
    }

    private static TimeSpan OnlineTimeout(int devices) => TimeSpan.FromSeconds(Math.Max(60, devices / 10));

    private static async Task<bool> AllOnlineAsync(SimulatedFleet fleet, int devices, CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(OnlineTimeout(devices));
        Task[] online = [.. fleet.Devices.Select(device => device.WaitUntilOnlineAsync(deadline.Token))];
        try
        {
            await using (ProgressLine.Show(() => $"fleet: {online.Count(task => task.IsCompletedSuccessfully)}/{devices} speakers online"))
            {
                await Task.WhenAll(online);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<BulkPullResult> RunBaselineAsync(OtaSettings settings, byte[] bundle, CancellationToken cancellationToken)
    {
        await using MqttBulkPullBaseline baseline = await MqttBulkPullBaseline.StartAsync(
            settings.Devices, bundle, settings.ChunkBytes, settings.WindowBytes, cancellationToken);
        Stopwatch clock = Stopwatch.StartNew();
        Task<BulkPullResult> run = baseline.RunAsync(settings.Timeout, cancellationToken);
        await using (ProgressLine.Show(() => string.Create(
            CultureInfo.InvariantCulture, $"bare MQTT pull (baseline): {clock.Elapsed.TotalSeconds:0.0} s")))
        {
            return await run;
        }
    }

    /// <summary>
    /// What the process spends with the fleet online and nothing to do (device loops ticking every 20 ms,
    /// keepalives, the cloud's timers): the floor under every figure of the rollout.
    /// </summary>
    private static async Task<double> IdleCpuPercentAsync(CancellationToken cancellationToken)
    {
        // The connect storm's tail (grain activations, twins, first telemetry) settles first.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        TimeSpan window = TimeSpan.FromSeconds(5);
        TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
        Stopwatch clock = Stopwatch.StartNew();
        await Task.Delay(window, cancellationToken);
        TimeSpan used = Process.GetCurrentProcess().TotalProcessorTime - before;
        return used.TotalSeconds / clock.Elapsed.TotalSeconds / Environment.ProcessorCount * 100;
    }

    /// <summary>The process's peak resident set (VmHWM on Linux): the cloud, every speaker's flash and the load generator.</summary>
    private static long PeakWorkingSet()
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}
