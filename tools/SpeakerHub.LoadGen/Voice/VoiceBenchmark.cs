using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Synthesis;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.LoadGen.Cloud;
using SpeakerHub.LoadGen.Measurement;
using SpeakerHub.Simulator.Fleet;
using SpeakerHub.Simulator.Say;
using SpeakerHub.Simulator.Terminal;
using ExitCodes = SpeakerHub.LoadGen.Terminal.ExitCodes;

namespace SpeakerHub.LoadGen.Voice;

/// <summary>
/// One <c>voice</c> run: the cloud (found or started), N simulated speakers with the real firmware core,
/// each holding push-to-talk while its utterance plays into the microphone in real time, then listening
/// to the whole spoken reply before the next turn. One warm-up turn per speaker is not measured.
/// </summary>
public static class VoiceBenchmark
{
    private static readonly TimeSpan OnlineTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(VoiceSettings settings, CloudTargetSettings target, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(
            $"voice: {settings.Speakers} speaker(s) talking for {settings.Duration.TotalSeconds:0} s, voices {string.Join(", ", settings.Voices)}, " +
            $"texts rotating: {string.Join(" | ", settings.Texts.Select(text => $"\"{text}\""))}");
        var clips = await SynthesizeClipsAsync(settings, cancellationToken);
        using VoiceMeterReading meters = new();
        CloudTarget cloud;
        try
        {
            cloud = await CloudTarget.ConnectAsync(target, settings.Verbose, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"The cloud host did not start: {failure.GetBaseException().Message}");
            return ExitCodes.SetupFailed;
        }

        await using (cloud)
        {
            await output.WriteLineAsync($"cloud: {cloud.Description}");
            ILogger logger = new StandardErrorLogger(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
            await using SimulatedFleet fleet = await SimulatedFleet.StartAsync(cloud.FleetOptions(settings.Speakers), logger: logger, cancellationToken: cancellationToken);
            using (CancellationTokenSource online = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                online.CancelAfter(OnlineTimeout);
                await fleet.WaitUntilOnlineAsync(online.Token);
            }

            // Warm-up: JIT, grain activation, a decoder per speaker, espeak-ng's first load.
            await Task.WhenAll(fleet.Devices.Select((device, lane) => TurnAsync(device, clips[lane][0], settings, null, cancellationToken)));
            meters.Reset();
            VoiceTally tally = new();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            Stopwatch window = Stopwatch.StartNew();
            await Task.WhenAll(fleet.Devices.Select((device, lane) => TalkAsync(device, clips[lane], settings, tally, window, cancellationToken)));
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            await VoiceReport.WriteAsync(output, settings, cloud, tally, meters, cpu, window.Elapsed);
            return tally.Failed > 0 ? ExitCodes.RoundTripsFailed : ExitCodes.Success;
        }
    }

    /// <summary>Each speaker gets the texts in its own voice, starting at a different text.</summary>
    private static async Task<LabelledClip[][]> SynthesizeClipsAsync(VoiceSettings settings, CancellationToken cancellationToken)
    {
        var byVoice = new Dictionary<string, LabelledClip[]>(StringComparer.Ordinal);
        foreach (var voice in settings.Voices.Distinct(StringComparer.Ordinal))
        {
            var clips = new List<LabelledClip>();
            foreach (var text in settings.Texts)
            {
                var synthesis = new SynthesisOptions().DefaultVoice() with { Name = voice };
                clips.Add(new LabelledClip(text, await SpokenInput.FromTextAsync(text, synthesis, cancellationToken)));
            }

            byVoice[voice] = [.. clips];
        }

        return Enumerable.Range(0, settings.Speakers)
            .Select(lane =>
            {
                var own = byVoice[settings.Voices[lane % settings.Voices.Count]];
                return own.Skip(lane % own.Length).Concat(own.Take(lane % own.Length)).ToArray();
            })
            .ToArray();
    }

    private static async Task TalkAsync(
        DeviceRunner device, LabelledClip[] clips, VoiceSettings settings, VoiceTally tally, Stopwatch window, CancellationToken cancellationToken)
    {
        var random = new Random(device.DeviceId.GetHashCode(StringComparison.Ordinal));
        for (var turn = 1; window.Elapsed < settings.Duration; turn++)
        {
            await TurnAsync(device, clips[turn % clips.Length], settings, tally, cancellationToken);

            // People do not answer back within a frame; a short, varied pause keeps speakers out of lockstep.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 800)), cancellationToken);
        }
    }

    private static async Task TurnAsync(DeviceRunner device, LabelledClip clip, VoiceSettings settings, VoiceTally? tally, CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.TurnTimeout);
        try
        {
            VoiceTurn turn = await device.SpeakAsync(clip.Samples, SpeechTrigger.Hold, deadline.Token);
            if (turn.ReplyLatency is not { } latency)
            {
                tally?.Failure(clip.Text, "reply came without audio");
            }
            else if (turn.ReplyText == IntentRouter.FallbackSpeech)
            {
                tally?.Misheard(clip.Text, latency);
            }
            else
            {
                tally?.Answered(clip.Text, latency);
            }
        }
        catch (InteractionFailedException failure)
        {
            tally?.Failure(clip.Text, failure.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tally?.Failure(clip.Text, $"no complete turn within {settings.TurnTimeout.TotalSeconds:0} s");
        }
    }

    private sealed record LabelledClip(string Text, short[] Samples);
}
