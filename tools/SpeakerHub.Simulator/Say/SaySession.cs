using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Speech.Synthesis;
using SpeakerHub.Firmware.Host.Hardware.Audio;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Simulator.Fleet;
using SpeakerHub.Simulator.Terminal;

namespace SpeakerHub.Simulator.Say;

/// <summary>Runs one <see cref="SayRequest"/>: a speaker comes online, hears the clip, and the turn is reported.</summary>
public static class SaySession
{
    public static async Task<int> RunAsync(
        SimulatedFleetOptions options, SayRequest request, ILogger logger, TextWriter output, CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        short[] clip;
        try
        {
            clip = request.WavPath is { } path
                ? SpokenInput.FromWav(path)
                : await SpokenInput.FromTextAsync(request.Text!, new SynthesisOptions().DefaultVoice() with { Name = request.Voice, RateWordsPerMinute = request.RateWordsPerMinute }, deadline.Token);
        }
        catch (Exception failure) when (failure is InvalidDataException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return ExitCodes.BadInput;
        }

        SimulatedFleet fleet;
        try
        {
            fleet = await SimulatedFleet.StartAsync(options, logger: logger, cancellationToken: deadline.Token);
        }
        catch (Exception failure) when (failure is FleetApiException or HttpRequestException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return ExitCodes.SetupFailed;
        }

        await using (fleet)
        {
            DeviceRunner device = fleet.Devices[0];
            try
            {
                await device.WaitUntilOnlineAsync(deadline.Token);
                VoiceTurn turn = await device.SpeakAsync(clip, request.Trigger, deadline.Token);
                InteractionView? heard = await FindInteractionAsync(options, device.DeviceId, turn.InteractionId, deadline.Token);
                if (request.OutputPath is { } replyPath)
                {
                    WavFile.Write(replyPath, turn.ReplyAudio);
                }

                SayOutcome outcome = new(
                    device.DeviceId,
                    heard?.Transcript,
                    heard?.Intent,
                    heard?.Slots ?? new Dictionary<string, string>(),
                    turn.ReplyText,
                    turn.ReplyLatency?.TotalMilliseconds is { } latency ? Math.Round(latency, 1) : null,
                    turn.InteractionId,
                    turn.ReplyAudioDuration.TotalMilliseconds,
                    turn.ExpectsFollowUp);
                await output.WriteLineAsync(request.Json ? outcome.ToJsonLine() : outcome.ToText());
                return ExitCodes.Success;
            }
            catch (InteractionFailedException failure)
            {
                await Console.Error.WriteLineAsync(failure.Message);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"{device.DeviceId} got no complete answer within {request.Timeout.TotalSeconds:0} s (still {device.State}).");
            }

            return ExitCodes.NoReply;
        }
    }

    private static async Task<InteractionView?> FindInteractionAsync(
        SimulatedFleetOptions options, string deviceId, uint interactionId, CancellationToken cancellationToken)
    {
        if (options.AdminKey is null)
        {
            return null;
        }

        using HttpClient http = new() { BaseAddress = new Uri(options.ApiBaseAddress.AbsoluteUri.TrimEnd('/') + "/") };
        return await new FleetApiClient(http, options.AdminKey).FindInteractionAsync(deviceId, interactionId, cancellationToken);
    }
}
