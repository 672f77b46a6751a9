using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.History;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.Voice;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>What the device sends: hello, status, twin reports, command results, utterances, voice, telemetry, events.</summary>
public sealed partial class DeviceGrain
{
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
                OtaRequest request => OnOtaRequest(request),
                OtaStatus status => OnOtaStatus(status),
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

        var health = State.Health;
        State.Health = health with
        {
            Connects = health.Connects + 1,
            Boots = health.Boots + (hello.BootCount != State.BootCount ? 1 : 0),
        };
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

    private Task OnEvent(DeviceEvent deviceEvent)
    {
        logger.LogInformation(
            "Device {DeviceId} event {EventName} {Detail} {Value}", DeviceId, deviceEvent.Name, deviceEvent.Detail, deviceEvent.Value);
        return Task.CompletedTask;
    }

    // The open question or follow-up of this device's dialog; seconds long, so memory is enough.
    private readonly DialogSession dialog = new();

    /// <summary>
    /// Typed text → dialog → skill → twin change (same path as the API's) and a spoken reply with the
    /// interaction's correlation id. <paramref name="idTaken"/>: the id came from this grain's counter,
    /// which must be stored so it never repeats.
    /// </summary>
    private async Task<InteractionResult> RunTextPath(uint interactionId, string text, bool idTaken)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await Understand(text, mustPersist: idTaken);
        var understandingMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var spoken = await Speak(interactionId, answer, started);
        await RecordInteraction(
            new InteractionRecord(
                interactionId, time.GetUtcNow(), InteractionSource.Text, InteractionTrigger.Typed, text, answer.Intent,
                answer.Slots, answer.Speech, answer.Understood ? InteractionOutcome.Answered : InteractionOutcome.NotUnderstood,
                UnderstandingMs: understandingMs,
                FirstAudioMs: spoken.FirstAudioMs,
                TotalMs: Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            audio: null);
        return new InteractionResult(interactionId, text, answer.Intent, answer.Slots, answer.Speech, answer.ExpectsFollowUp);
    }

    /// <summary>
    /// Text (typed or recognized) → dialog → skill; a twin change the skill asks for is applied as a new
    /// desired version and sent, exactly as an API change would be.
    /// </summary>
    private async Task<Answer> Understand(string text, bool mustPersist)
    {
        var context = new SkillContext(DeviceId, State.Desired, State.OwnerId, GrainFactory);
        var turn = await dialogEngine.RespondAsync(dialog, text, context, CancellationToken.None);
        var outcome = turn.Outcome;
        var twinChanged = outcome.TwinChange is { } change && ApplyDesired(change);
        if (twinChanged || mustPersist)
        {
            await Persist();
        }

        if (twinChanged)
        {
            await TrySendDesired();
        }

        return new Answer(turn.Match.Intent, turn.Match.Slots, outcome.Speech, outcome.ExpectsFollowUp, outcome.Understood);
    }

    /// <summary>Keeps the interaction in the owner's history; a history failure never fails the interaction.</summary>
    private async Task RecordInteraction(InteractionRecord record, byte[]? audio)
    {
        if (record.Source != InteractionSource.Announcement)
        {
            var failed = record.Outcome is InteractionOutcome.Failed or InteractionOutcome.NotUnderstood;
            var health = State.Health;
            State.Health = health with { VoiceTurns = health.VoiceTurns + 1, VoiceErrors = health.VoiceErrors + (failed ? 1 : 0) };
        }

        try
        {
            await GrainFactory.GetHistory(DeviceId).Record(record, audio);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "History of device {DeviceId} missed interaction {InteractionId}", DeviceId, record.InteractionId);
        }
    }
}
