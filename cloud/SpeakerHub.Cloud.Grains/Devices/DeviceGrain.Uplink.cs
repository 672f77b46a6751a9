using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>What the device sends: hello, status, twin reports, command results, utterances, voice, telemetry, events.</summary>
public sealed partial class DeviceGrain
{
    /// <summary>Said to a finished voice utterance until the cloud recognises speech.</summary>
    public const string VoiceNotAvailableSpeech = "Voice recognition isn't available yet.";

    // Voice frames received since activation, for diagnostics; in memory only, like the session.
    private long voiceFramesReceived;

    /// <summary>
    /// Never throws: the gateway calls this for every device message, and one device's bad bytes or a
    /// failing write must not surface as errors in the gateway's receive loop.
    /// </summary>
    public async Task OnUplink(string sessionId, string kind, byte[] payload)
    {
        if (!State.IsProvisioned)
        {
            logger.LogWarning("Uplink {Kind} for unprovisioned device {DeviceId} dropped", kind, DeviceId);
            return;
        }

        var error = UplinkDecoder.TryDecode(kind, payload, out var message);
        if (error != ProtocolError.None)
        {
            logger.LogWarning(
                "Uplink {Kind} from device {DeviceId} dropped: {ProtocolError} ({Length} bytes)",
                kind, DeviceId, error, payload?.Length ?? 0);
            return;
        }

        State.LastSeen = time.GetUtcNow();
        try
        {
            await (message switch
            {
                Hello hello => OnHello(hello),
                Status status => OnStatus(sessionId, status),
                TwinPatch reported => OnTwinReported(reported),
                CommandResult result => OnCommandResult(result),
                Utterance utterance => RunTextPath(utterance.CorrelationId, utterance.Text, idTaken: false),
                VoiceChunk chunk => OnVoiceChunk(chunk),
                Telemetry telemetry => OnTelemetry(telemetry),
                DeviceEvent deviceEvent => OnEvent(deviceEvent),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Uplink {Kind} from device {DeviceId} failed", kind, DeviceId);
        }
    }

    private async Task OnHello(Hello hello)
    {
        if (hello.Model != State.Model)
        {
            logger.LogWarning(
                "Device {DeviceId} says it is a {ReportedModel}, provisioned as {Model}", DeviceId, hello.Model, State.Model);
        }

        if (hello.BootCount != State.BootCount || hello.FirmwareVersion != State.FirmwareVersion)
        {
            logger.LogInformation(
                "Device {DeviceId} runs {FirmwareVersion}, boot {BootCount}", DeviceId, hello.FirmwareVersion, hello.BootCount);
        }

        State.FirmwareVersion = hello.FirmwareVersion;
        State.BootCount = hello.BootCount;

        // Hello follows every (re)connect once the device listens: the moment to catch it up.
        if (State.Desired.Version > State.Reported.Version)
        {
            await TrySendDesired();
        }

        for (var i = 0; i < State.PendingCommands.Count && session is not null; i++)
        {
            await TrySendCommand(i);
        }

        await Persist();
    }

    private async Task OnStatus(string sessionId, Status status)
    {
        // "Offline" is usually the broker publishing the last will. Only the current session's counts:
        // an old session's will can land after the device already reconnected.
        if (status.Online || session?.Id != sessionId)
        {
            return;
        }

        logger.LogInformation("Device {DeviceId} went offline: {Reason}", DeviceId, status.Reason ?? "last will");
        ForgetSession();
        await Persist();
    }

    private async Task OnTwinReported(TwinPatch patch)
    {
        // The device is the authority on what it applied, so reports are taken as they come, even a
        // lower version after a factory reset; redelivery then brings it forward again.
        var reported = State.Reported;
        State.Reported = new TwinProperties(
            patch.Version,
            patch.Has(TwinPatch.HasVolume) ? patch.Volume : reported.Volume,
            patch.Has(TwinPatch.HasMuted) ? patch.Muted : reported.Muted,
            patch.Has(TwinPatch.HasWakeSensitivity) ? patch.WakeSensitivity : reported.WakeSensitivity);
        await Persist();
    }

    private async Task OnCommandResult(CommandResult result)
    {
        var index = State.PendingCommands.FindIndex(command => command.Id == result.CorrelationId);
        if (index < 0)
        {
            // A result for a command already settled: QoS 1 and redelivery both allow duplicates.
            logger.LogDebug("Device {DeviceId} answered unknown command {CommandId}", DeviceId, result.CorrelationId);
            return;
        }

        var command = State.PendingCommands[index];
        State.PendingCommands.RemoveAt(index);
        logger.LogInformation(
            "Device {DeviceId} command {CommandId} ({Name}) finished with outcome {Outcome}: {Detail}",
            DeviceId, command.Id, command.Request.Name, result.Outcome, result.Detail);
        await Persist();
    }

    private Task OnTelemetry(Telemetry telemetry)
    {
        var history = State.RecentTelemetry;
        history.Add(new TelemetrySample(
            time.GetUtcNow(),
            telemetry.UptimeSeconds,
            telemetry.FreeMemory,
            telemetry.Rssi,
            telemetry.QueuedMessages,
            telemetry.Reconnects));
        if (history.Count > options.Value.TelemetryHistory)
        {
            history.RemoveRange(0, history.Count - options.Value.TelemetryHistory);
        }

        // Not written on its own: a write per report per device buys little, and the samples travel
        // with the next state change.
        return Task.CompletedTask;
    }

    /// <summary>
    /// Counts the audio and answers the final chunk, so the device leaves Thinking at once instead of
    /// waiting out its reply timeout. The speech recognition issue replaces this with streaming each
    /// chunk into a pooled recogniser and answering through the text path.
    /// </summary>
    private async Task OnVoiceChunk(VoiceChunk chunk)
    {
        voiceFramesReceived += chunk.FrameCount;
        logger.LogDebug(
            "Device {DeviceId} voice {InteractionId} frames {FirstFrame}+{FrameCount} (final: {Final}, {Total} since activation)",
            DeviceId, chunk.CorrelationId, chunk.Sequence, chunk.FrameCount, chunk.IsFinal, voiceFramesReceived);
        if (!chunk.IsFinal)
        {
            return;
        }

        var reply = DownlinkMessages.Reply(chunk.CorrelationId, VoiceNotAvailableSpeech, IntentMatch.NoneIntent, expectsFollowUp: false);
        if (reply is not null)
        {
            await TrySend(Topics.Reply, reply);
        }
    }

    private Task OnEvent(DeviceEvent deviceEvent)
    {
        logger.LogInformation(
            "Device {DeviceId} event {EventName} {Detail} {Value}", DeviceId, deviceEvent.Name, deviceEvent.Detail, deviceEvent.Value);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Typed or spoken text → skill → twin change (same path as the API's) and a reply downlink with
    /// the interaction's correlation id. <paramref name="idTaken"/>: the id came from this grain's
    /// counter, which must be stored so it never repeats.
    /// </summary>
    private async Task<InteractionResult> RunTextPath(uint interactionId, string text, bool idTaken)
    {
        var routed = intentRouter.Route(text, new SkillContext(DeviceId, State.Desired));
        var outcome = routed.Outcome;
        var twinChanged = outcome.TwinChange is { } change && ApplyDesired(change);
        if (twinChanged || idTaken)
        {
            await Persist();
        }

        if (twinChanged)
        {
            await TrySendDesired();
        }

        var reply = DownlinkMessages.Reply(interactionId, outcome.Speech, routed.Match.Intent, outcome.ExpectsFollowUp);
        if (reply is null)
        {
            logger.LogWarning("Reply to device {DeviceId} for intent {Intent} does not fit a message", DeviceId, routed.Match.Intent);
        }
        else
        {
            await TrySend(Topics.Reply, reply);
        }

        return new InteractionResult(
            interactionId, text, routed.Match.Intent, routed.Match.Slots, outcome.Speech, outcome.ExpectsFollowUp);
    }
}
