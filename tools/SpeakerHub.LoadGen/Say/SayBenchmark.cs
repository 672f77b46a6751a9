using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Nlu;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.LoadGen.Baseline;
using SpeakerHub.LoadGen.Cloud;
using SpeakerHub.LoadGen.Measurement;
using SpeakerHub.LoadGen.Terminal;
using SpeakerHub.Simulator.Fleet;
using SpeakerHub.Simulator.Terminal;
using ExitCodes = SpeakerHub.LoadGen.Terminal.ExitCodes;

namespace SpeakerHub.LoadGen.Say;

/// <summary>
/// One <c>say</c> run: the cloud (found or started), N simulated speakers with the real firmware core
/// over MQTT, each saying its texts back to back; then, with the product stopped, the bare MQTT echo
/// baseline in the same shape; then the report.
/// </summary>
public static class SayBenchmark
{
    public const string ProductRow = "text round trip";
    public const string BaselineRow = "bare MQTT echo (baseline)";

    private static readonly TimeSpan OnlineTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(SaySettings settings, CloudTargetSettings target, TextWriter output, CancellationToken cancellationToken)
    {
        LoadShape shape = new(settings.Devices, settings.Warmup, settings.Count, settings.Timeout);
        await output.WriteLineAsync(
            $"say: {settings.Devices} device(s) × {settings.Count} measured utterances (after {settings.Warmup} warm-up each), " +
            $"texts rotating: {string.Join(" | ", settings.Texts.Select(text => $"\"{text}\""))}");
        try
        {
            LoadResult? product = await RunProductAsync(settings, target, shape, output, cancellationToken);
            if (product is null)
            {
                return ExitCodes.SetupFailed;
            }

            LoadResult? baseline = settings.Baseline ? await RunBaselineAsync(shape, cancellationToken) : null;
            await SayReport.WriteAsync(output, settings.Texts, product, baseline, cancellationToken);
            return product.HasFailures || baseline?.HasFailures == true ? ExitCodes.RoundTripsFailed : ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; nothing was measured to the end.");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Null when the run could not be set up; the reason is already on standard error.</summary>
    private static async Task<LoadResult?> RunProductAsync(
        SaySettings settings, CloudTargetSettings targetSettings, LoadShape shape, TextWriter output, CancellationToken cancellationToken)
    {
        CloudTarget cloud;
        try
        {
            cloud = await CloudTarget.ConnectAsync(targetSettings, settings.Verbose, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"The in-process cloud host did not start: {failure.GetBaseException().Message}");
            return null;
        }

        await using (cloud)
        {
            await output.WriteLineAsync($"cloud: {cloud.Description}");
            ILogger logger = new StandardErrorLogger(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
            SimulatedFleet fleet;
            try
            {
                fleet = await SimulatedFleet.StartAsync(cloud.FleetOptions(settings.Devices), logger: logger, cancellationToken: cancellationToken);
            }
            catch (Exception failure) when (failure is FleetApiException or HttpRequestException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync(failure is HttpRequestException
                    ? $"Could not reach the cloud's API at {cloud.Api}: {failure.Message}"
                    : failure.Message);
                if (cloud.AdminKey is null)
                {
                    await Console.Error.WriteLineAsync(
                        $"Give the admin key with --admin-key, ${AdminKeySource.EnvironmentVariable} or {AdminKeySource.KeyFile} in the current folder.");
                }

                return null;
            }

            await using (fleet)
            {
                if (!await AllOnlineAsync(fleet, cancellationToken))
                {
                    await Console.Error.WriteLineAsync($"Not every device was online within {OnlineTimeout.TotalSeconds:0} s; is the MQTT port {cloud.MqttPort} right?");
                    return null;
                }

                RoundTripLoad load = new(
                    shape,
                    (lane, iteration, token) => SayAsync(fleet.Devices[lane], TextOf(settings, iteration), token),
                    iteration => TextOf(settings, iteration));
                await using (ProgressLine.Show(ProductRow, load))
                {
                    return await load.RunAsync(cancellationToken);
                }
            }
        }
    }

    private static async Task<bool> AllOnlineAsync(SimulatedFleet fleet, CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(OnlineTimeout);
        try
        {
            await fleet.WaitUntilOnlineAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string TextOf(SaySettings settings, int iteration) => settings.Texts[iteration % settings.Texts.Count];

    private static async Task SayAsync(DeviceRunner device, string text, CancellationToken cancellationToken)
    {
        string reply = await device.SayAsync(text, cancellationToken);

        // A fallback is a round trip, but not the one asked for: the figure would be for a shorter path.
        if (reply == IntentRouter.FallbackSpeech)
        {
            throw new RoundTripFailedException($"the cloud did not understand \"{text}\"");
        }
    }

    private static async Task<LoadResult> RunBaselineAsync(LoadShape shape, CancellationToken cancellationToken)
    {
        await using MqttEchoBaseline baseline = await MqttEchoBaseline.StartAsync(shape.Lanes, cancellationToken);
        RoundTripLoad load = new(shape, baseline.RoundTrip);
        await using (ProgressLine.Show(BaselineRow, load))
        {
            return await load.RunAsync(cancellationToken);
        }
    }
}
