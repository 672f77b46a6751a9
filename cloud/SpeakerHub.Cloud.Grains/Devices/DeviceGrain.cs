using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Cloud.Abstractions.History;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.Voice;
using SpeakerHub.Cloud.Speech.Recognition;
using SpeakerHub.Cloud.Speech.Synthesis;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using SpeakerHub.Protocol.Security;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>
/// One speaker: identity, presence, twin, un-acknowledged commands and the text path. This file holds
/// the calls from the API and the gateway's connect/disconnect; DeviceGrain.Uplink.cs holds what the
/// device itself sends.
/// </summary>
public sealed partial class DeviceGrain(
    [PersistentState("device", "devices")] IPersistentState<DeviceState> stored,
    DialogEngine dialogEngine,
    SpeechRecognizer recognizer,
    SpeechSynthesizer synthesizer,
    IOptions<DeviceOptions> options,
    IOptions<VoiceOptions> voiceOptions,
    VoiceMetrics voiceMetrics,
    Fleet.FirmwareImageCache firmwareImages,
    TimeProvider time,
    ILogger<DeviceGrain> logger) : Grain, IDeviceGrain, IDisposable
{
    /// <summary>Top bit of an announcement's correlation id: the device knows it did not ask (docs/protocol.md).</summary>
    public const uint AnnouncementFlag = Reply.AnnouncementIdBit;

    /// <summary>The intent name a device sees on an announcement's reply.</summary>
    public const string AnnouncementIntent = "Announcement";

    private DeviceSession? session;

    private string DeviceId => this.GetPrimaryKeyString();

    private DeviceState State => stored.State;

    public async Task<ProvisionResult> Provision(string model, string? ownerId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(model.Length, IDeviceGrain.MaxModelLength, nameof(model));
        if (!Topics.IsValidDeviceId(DeviceId))
        {
            throw new ArgumentException(
                $"A device id is 1..{Topics.MaxDeviceIdLength} ASCII letters, digits, '-' or '_'; '{DeviceId}' is not.");
        }

        if (State.IsProvisioned)
        {
            throw DeviceAlreadyExistsException.For(DeviceId);
        }

        // Listed first: if the write below fails, the directory names an id without a device (listings
        // skip it and a retry completes it) instead of a device that no listing can find.
        await GrainFactory.GetDeviceDirectory().Add(DeviceId);
        await GrainFactory.GetFleet().NoteModel(model);

        var key = RandomNumberGenerator.GetBytes(DeviceToken.KeyLength);
        var defaults = options.Value;
        stored.State = new DeviceState
        {
            Key = key,
            Model = model,
            OwnerId = ownerId,
            ProvisionedAt = time.GetUtcNow(),
            // Version 1 against a reported 0: the first hello already brings the device to these defaults.
            Desired = new TwinProperties(1, defaults.DefaultVolume, false, defaults.DefaultWakeSensitivity),
        };
        await Persist();
        logger.LogInformation("Provisioned device {DeviceId} of model {Model}", DeviceId, model);
        return new ProvisionResult(DeviceId, Hex.Encode(key));
    }

    public Task<byte[]?> GetKey() => Task.FromResult(State.IsProvisioned ? State.Key : null);

    public Task<DeviceSnapshot?> GetSnapshot()
    {
        if (!State.IsProvisioned)
        {
            return Task.FromResult<DeviceSnapshot?>(null);
        }

        return Task.FromResult<DeviceSnapshot?>(new DeviceSnapshot(
            DeviceId,
            State.Model,
            session is not null,
            State.LastSeen,
            State.FirmwareVersion,
            State.Desired,
            State.Reported,
            State.PendingCommands.ToArray(),
            State.ProvisionedAt)
        {
            BootCount = State.BootCount,
            RecentTelemetry = State.RecentTelemetry.ToArray(),
            OwnerId = State.OwnerId,
        });
    }

    public async Task OnConnected(string sessionId, IDownlink downlink)
    {
        if (!State.IsProvisioned)
        {
            logger.LogWarning("Session {SessionId} opened for unprovisioned device {DeviceId}; ignored", sessionId, DeviceId);
            return;
        }

        if (session is { } previous && previous.Id != sessionId)
        {
            logger.LogInformation("Device {DeviceId} session {SessionId} replaces {PreviousSessionId}", DeviceId, sessionId, previous.Id);
        }

        // Nothing is (re)sent yet: the device subscribes to its downlink topics before it says hello,
        // so redelivery waits for the hello instead of racing the subscription.
        session = new DeviceSession(sessionId, downlink);

        // The session reference lives only in this activation; idle collection must not drop it.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        State.LastSeen = time.GetUtcNow();
        await Persist();
    }

    public async Task OnDisconnected(string sessionId, string reason)
    {
        if (session?.Id != sessionId)
        {
            // A late disconnect of a session a fast reconnect already replaced.
            logger.LogDebug("Device {DeviceId} ignored disconnect of stale session {SessionId}", DeviceId, sessionId);
            return;
        }

        logger.LogInformation("Device {DeviceId} disconnected: {Reason}", DeviceId, reason);
        ForgetSession();
        State.LastSeen = time.GetUtcNow();
        await Persist();
    }

    public async Task<long> SetDesired(TwinChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        EnsureProvisioned();
        if (!ApplyDesired(change))
        {
            return State.Desired.Version;
        }

        await Persist();
        await TrySendDesired();
        return State.Desired.Version;
    }

    public async Task<uint> SendCommand(CommandRequest command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(command.Name, nameof(command));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(command.Name.Length, Command.MaxNameLength, nameof(command));
        EnsureProvisioned();

        var id = State.TakeCommandId();
        var bytes = DownlinkMessages.Command(id, command)
            ?? throw new ArgumentException("The command does not fit one message.", nameof(command));

        var pending = State.PendingCommands;
        while (pending.Count >= options.Value.MaxPendingCommands)
        {
            logger.LogWarning(
                "Device {DeviceId} has {Count} unacknowledged commands; dropping command {CommandId} ({Name})",
                DeviceId, pending.Count, pending[0].Id, pending[0].Request.Name);
            pending.RemoveAt(0);
        }

        pending.Add(new PendingCommand(id, command, time.GetUtcNow(), 0));

        // Stored before it is sent, so the result of a command the device did get always finds it.
        await Persist();
        await TrySendCommand(pending.Count - 1, bytes);
        return id;
    }

    public async Task<InteractionResult> Say(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(text.Length, Utterance.MaxTextLength, nameof(text));
        EnsureProvisioned();
        return await RunTextPath(State.TakeInteractionId(), text, idTaken: true);
    }

    public async Task<bool> Announce(string speech)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(speech);
        EnsureProvisioned();
        if (session is null)
        {
            return false;
        }

        var id = AnnouncementFlag | State.NextAnnouncementId;
        State.NextAnnouncementId = State.NextAnnouncementId >= ~AnnouncementFlag ? 1 : State.NextAnnouncementId + 1;
        var answer = new Answer(AnnouncementIntent, new Dictionary<string, string>(), speech, ExpectsFollowUp: false);
        var spoken = await Speak(id, answer, Stopwatch.GetTimestamp());
        await RecordInteraction(
            new InteractionRecord(id, time.GetUtcNow(), InteractionSource.Announcement, InteractionTrigger.None, null,
                AnnouncementIntent, answer.Slots, speech, spoken.Delivered ? InteractionOutcome.Answered : InteractionOutcome.Failed,
                FirstAudioMs: spoken.FirstAudioMs),
            audio: null);
        return spoken.Delivered;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A pooled decoder must go back to the pool even when the device vanished mid-sentence.
        Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public void Dispose()
    {
        EndUtterance();
        StopPacedReply();
    }

    private void EnsureProvisioned()
    {
        if (!State.IsProvisioned)
        {
            throw DeviceNotFoundException.For(DeviceId);
        }
    }

    /// <summary>Validates and applies a change as a new desired version; false when it changes nothing.</summary>
    private bool ApplyDesired(TwinChange change)
    {
        if (change.Volume is < 0 or > TwinPatch.MaxVolume)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.Volume, $"Volume must be 0..{TwinPatch.MaxVolume}.");
        }

        if (change.WakeSensitivity is < 0 or > TwinPatch.MaxWakeSensitivity)
        {
            throw new ArgumentOutOfRangeException(
                nameof(change), change.WakeSensitivity, $"Wake sensitivity must be 0..{TwinPatch.MaxWakeSensitivity}.");
        }

        if (change is { Volume: null, Muted: null, WakeSensitivity: null })
        {
            return false;
        }

        var desired = State.Desired;
        State.Desired = desired with
        {
            Version = desired.Version + 1,
            Volume = change.Volume ?? desired.Volume,
            Muted = change.Muted ?? desired.Muted,
            WakeSensitivity = change.WakeSensitivity ?? desired.WakeSensitivity,
        };
        return true;
    }

    private Task<bool> TrySendDesired() => TrySend(Topics.Twin, DownlinkMessages.DesiredTwin(State.Desired));

    /// <summary>Sends the pending command at <paramref name="index"/> and counts the delivery.</summary>
    private async Task<bool> TrySendCommand(int index, byte[]? bytes = null)
    {
        var command = State.PendingCommands[index];
        bytes ??= DownlinkMessages.Command(command.Id, command.Request);
        if (bytes is null || !await TrySend(Topics.Command, bytes))
        {
            return false;
        }

        // Counted in memory and stored with the next write: a lost count only understates a statistic.
        State.PendingCommands[index] = command with { Deliveries = command.Deliveries + 1 };
        return true;
    }

    /// <summary>
    /// Hands a downlink to the gateway holding the session. A failure or refusal means that session is
    /// gone (gateway silo died, device dropped): the device counts as disconnected, and whatever it
    /// missed is redelivered after its next hello.
    /// </summary>
    private async Task<bool> TrySend(string kind, byte[] payload)
    {
        if (session is not { } current)
        {
            return false;
        }

        try
        {
            if (await current.Downlink.Send(DeviceId, current.Id, kind, payload).WaitAsync(options.Value.DownlinkTimeout, time))
            {
                return true;
            }

            logger.LogInformation("Gateway no longer holds session {SessionId} of device {DeviceId}", current.Id, DeviceId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Downlink {Kind} to device {DeviceId} failed; treating it as disconnected", kind, DeviceId);
        }

        ForgetSession();
        return false;
    }

    private void ForgetSession()
    {
        session = null;
        DelayDeactivation(TimeSpan.Zero);
    }

    private Task Persist() => stored.WriteOrDeactivateAsync(DeactivateOnIdle);

    private sealed record DeviceSession(string Id, IDownlink Downlink);
}
