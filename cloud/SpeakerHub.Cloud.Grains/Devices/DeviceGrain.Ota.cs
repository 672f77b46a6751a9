using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>
/// Firmware updates for this device: offers go out in the desired twin, the device pulls the bundle with
/// <c>OtaRequest</c>s (served from the silo's <see cref="Fleet.FirmwareImageCache"/>) and reports with
/// <c>OtaStatus</c>, which is kept here and passed on to the rollout that made the offer.
/// </summary>
public sealed partial class DeviceGrain
{
    public async Task SetTags(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        EnsureProvisioned();
        State.Tags = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await Persist();
    }

    public Task<FleetDeviceInfo?> GetFleetInfo()
    {
        if (!State.IsProvisioned)
        {
            return Task.FromResult<FleetDeviceInfo?>(null);
        }

        return Task.FromResult<FleetDeviceInfo?>(new FleetDeviceInfo(
            DeviceId,
            State.Model,
            State.FirmwareVersion,
            State.Tags.ToArray(),
            session is not null,
            string.IsNullOrEmpty(State.Desired.FirmwareTarget) ? null : State.Desired.FirmwareTarget,
            State.Update,
            State.Health));
    }

    public async Task OfferFirmware(string imageId, string rolloutId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(rolloutId);
        EnsureProvisioned();
        var desired = State.Desired;
        State.Desired = desired with { Version = desired.Version + 1, FirmwareTarget = imageId };
        State.OfferRolloutId = rolloutId;
        State.Update = new DeviceUpdateStatus(imageId, DeviceUpdateState.Offered, 0, 0, null, null, State.FirmwareVersion, time.GetUtcNow(), rolloutId);
        await Persist();
        await TrySendDesired();
    }

    public async Task WithdrawFirmware(string rolloutId)
    {
        EnsureProvisioned();
        if (State.OfferRolloutId != rolloutId || string.IsNullOrEmpty(State.Desired.FirmwareTarget))
        {
            return;
        }

        var desired = State.Desired;
        State.Desired = desired with { Version = desired.Version + 1, FirmwareTarget = string.Empty };
        await Persist();
        await TrySendDesired();
    }

    /// <summary>Answers a window request with chunks of the manifest's size, only for the image this device was offered.</summary>
    private async Task OnOtaRequest(OtaRequest request)
    {
        if (request.ImageId != State.Desired.FirmwareTarget)
        {
            await TrySend(Topics.Ota, DownlinkMessages.OtaRefusal(request.ImageId, "this image is not offered to this device"));
            return;
        }

        var image = await firmwareImages.Get(request.ImageId);
        if (image is null)
        {
            await TrySend(Topics.Ota, DownlinkMessages.OtaRefusal(request.ImageId, "the image no longer exists"));
            return;
        }

        var bundle = image.Bundle;
        if (request.Offset >= bundle.Length)
        {
            await TrySend(Topics.Ota, DownlinkMessages.OtaRefusal(request.ImageId, $"offset {request.Offset} is past the end of the {bundle.Length}-byte bundle"));
            return;
        }

        var end = (int)Math.Min((long)request.Offset + request.Length, bundle.Length);
        for (var offset = request.Offset; offset < end; offset += image.ChunkSize)
        {
            var length = Math.Min(image.ChunkSize, end - offset);
            if (!await TrySend(Topics.Ota, DownlinkMessages.OtaChunk(image.ImageId, bundle, offset, length)))
            {
                return;
            }
        }
    }

    private async Task OnOtaStatus(OtaStatus status)
    {
        var offered = State.Update;
        var rolloutId = offered?.ImageId == status.ImageId ? State.OfferRolloutId : null;
        var update = new DeviceUpdateStatus(
            status.ImageId,
            (DeviceUpdateState)status.State,
            status.BytesDone,
            status.TotalLength,
            status.Reason == OtaStatus.ReasonNone ? null : ReasonName(status.Reason),
            status.Detail,
            status.RunningVersion,
            time.GetUtcNow(),
            rolloutId);

        // A late report about an older offer is logged, not taken as the state of the current one.
        if (offered is not null && offered.ImageId != status.ImageId)
        {
            logger.LogInformation(
                "Device {DeviceId} reports {State} for image {ImageId}, not its current offer {Offered}", DeviceId, update.State, status.ImageId, offered.ImageId);
            return;
        }

        State.Update = update;
        if (update.IsTerminal || update.State == DeviceUpdateState.Staged)
        {
            logger.LogInformation(
                "Device {DeviceId} update to {ImageId}: {State} {Reason} {Detail} (running {Version})",
                DeviceId, status.ImageId, update.State, update.Reason, update.Detail, status.RunningVersion);
            await Persist();
        }

        if (rolloutId is not null)
        {
            await GrainFactory.GetRollout(rolloutId).ReportDevice(DeviceId, update);
        }
    }

    private static string ReasonName(byte reason) => reason switch
    {
        OtaStatus.ReasonWrongModel => "wrong-model",
        OtaStatus.ReasonDowngrade => "downgrade",
        OtaStatus.ReasonBusy => "busy",
        OtaStatus.ReasonTooLarge => "too-large",
        OtaStatus.ReasonMalformedBundle => "malformed-bundle",
        OtaStatus.ReasonHashMismatch => "hash-mismatch",
        OtaStatus.ReasonBadSignature => "bad-signature",
        OtaStatus.ReasonUntrustedKey => "untrusted-key",
        OtaStatus.ReasonFlashFault => "flash-fault",
        OtaStatus.ReasonHealthNotConfirmed => "health-not-confirmed",
        OtaStatus.ReasonUnavailable => "unavailable",
        _ => $"reason-{reason}",
    };
}
