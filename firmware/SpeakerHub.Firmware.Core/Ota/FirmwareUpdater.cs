using System.Collections;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Ota
{
    /// <summary>
    /// The device half of an over-the-air update (docs/firmware.md §Updates). An offer (an image id in
    /// the desired twin) starts it: the inactive slot is erased, the bundle is fetched window by window
    /// over <c>up/ota</c>/<c>down/ota</c> straight into flash, its header is checked as soon as it is in
    /// (model, anti-rollback floor, trusted key, signature) and the whole image is hashed from flash at
    /// the end. A good image is marked pending and the device restarts into it; the new image must then
    /// stay connected for a while and confirm itself, or it restarts until the loader gives up on it and
    /// boots the old one. Progress is saved in its own flash record, so a restart or power cut resumes
    /// where flash stands. Inputs come from the device loop; nothing here blocks except the final hash.
    /// </summary>
    public sealed class FirmwareUpdater
    {
        private const long Never = long.MaxValue;

        private readonly IFirmwareSlots _slots;
        private readonly ISettingsStore _store;
        private readonly IUpdateHost _host;
        private readonly FirmwareUpdateOptions _options;
        private readonly SignedImageCheck _check;
        private readonly string _model;
        private readonly string _runningVersion;
        private readonly UpdateRecord _record = new UpdateRecord();
        private readonly byte[] _recordBuffer = new byte[UpdateRecord.MaxEncodedLength];
        private readonly OtaRequest _request = new OtaRequest();
        private readonly OtaStatus _status = new OtaStatus();
        private IOtaUplink _uplink;

        private bool _started;
        private bool _headerChecked;
        private bool _onTrial;
        private int _requestedEnd;
        private int _checkpointAt;
        private int _reportedAt;
        private long _lastProgressAtMs;
        private long _trialStartedAtMs;
        private long _onlineSinceMs = Never;
        private long _restartAtMs = Never;
        private long _nowMs;

        /// <param name="trustedKeys">The Ed25519 public keys (32-byte arrays) firmware must be signed with.</param>
        /// <param name="model">This device's model: images for another model are refused.</param>
        /// <param name="runningVersion">The version of the image now running, reported with every status.</param>
        public FirmwareUpdater(
            IFirmwareSlots slots,
            ISettingsStore store,
            IUpdateHost host,
            ArrayList trustedKeys,
            string model,
            string runningVersion,
            FirmwareUpdateOptions options)
        {
            if (slots == null || store == null || host == null || model == null || runningVersion == null)
            {
                throw new System.ArgumentNullException("slots, store, host, model and running version are required");
            }

            _slots = slots;
            _store = store;
            _host = host;
            _options = options == null ? new FirmwareUpdateOptions() : options;
            _check = new SignedImageCheck(trustedKeys);
            _model = model;
            _runningVersion = runningVersion;
        }

        /// <summary>An update is downloading, staged, or the running image is on trial.</summary>
        public bool IsBusy
        {
            get { return _record.Phase != UpdateRecord.PhaseIdle || _onTrial; }
        }

        /// <summary>The running image is new and has not confirmed its health yet.</summary>
        public bool OnTrial
        {
            get { return _onTrial; }
        }

        /// <summary>An <c>UpdateRecord.Phase…</c> value.</summary>
        public byte Phase
        {
            get { return _record.Phase; }
        }

        /// <summary>Bytes of the current download in flash.</summary>
        public int BytesWritten
        {
            get { return _record.Written; }
        }

        /// <summary>The image the update is about, or the last one installed.</summary>
        public string ImageId
        {
            get { return _record.Phase == UpdateRecord.PhaseIdle ? _record.InstalledImageId : _record.ImageId; }
        }

        /// <summary>The anti-rollback floor: images older than this are refused. Null when none was set.</summary>
        public string Floor
        {
            get { return _record.Floor; }
        }

        /// <summary>Wired by <see cref="SpeakerDevice"/>; every report and request goes through it.</summary>
        public void Attach(IOtaUplink uplink)
        {
            _uplink = uplink;
        }

        /// <summary>At boot, after the loader chose the slot: loads the record and settles what the restart decided.</summary>
        public void Start(long nowMs)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            _nowMs = nowMs;
            _trialStartedAtMs = nowMs;
            _lastProgressAtMs = nowMs;
            int length = _store.Load(_recordBuffer);
            _record.ReadFrom(_recordBuffer, length);
            _onTrial = _slots.PendingSlot >= 0 && _slots.PendingSlot == _slots.ActiveSlot;
            if (_onTrial && _record.Slot == _slots.ActiveSlot
                && (_record.Phase == UpdateRecord.PhaseErasing || _record.Phase == UpdateRecord.PhaseDownloading))
            {
                // Marked pending, then the power went before the "staged" record was saved: the loader checked
                // this download's image and runs it on trial (erasing a slot cancels its pending mark first).
                _record.Phase = UpdateRecord.PhaseStaged;
                if (_check.CheckHeader(_slots, _slots.ActiveSlot, _slots.SlotCapacity) == OtaStatus.ReasonNone)
                {
                    _record.Total = _check.BundleLength;
                }

                Save();
            }

            _checkpointAt = _record.Written;
            _reportedAt = _record.Written;
            _requestedEnd = _record.Written;
            if (_record.Phase == UpdateRecord.PhaseStaged && !_onTrial)
            {
                if (_slots.ActiveSlot == _record.Slot)
                {
                    // Confirmed just before a power cut that came ahead of this record's update.
                    FinishInstalled();
                }
                else
                {
                    Refuse(_record.ImageId, OtaStatus.StateRolledBack, OtaStatus.ReasonHealthNotConfirmed, "the new image never confirmed its health; the previous image runs again");
                }
            }

            TakeDeferred();
        }

        /// <summary>The device's session started (subscribed, hello sent).</summary>
        public void OnOnline(long nowMs)
        {
            _nowMs = nowMs;
            _onlineSinceMs = nowMs;
            _lastProgressAtMs = nowMs;
            if (_record.Phase == UpdateRecord.PhaseErasing)
            {
                EraseAndBegin(nowMs);
            }
            else if (_record.Phase == UpdateRecord.PhaseDownloading)
            {
                // Whatever was in flight went with the old session: ask again from what flash holds.
                _requestedEnd = _record.Written;
                Report(OtaStatus.StateDownloading, OtaStatus.ReasonNone, null, false);
                RequestMore();
            }
        }

        public void OnOffline()
        {
            _onlineSinceMs = Never;
            _requestedEnd = _record.Written;
        }

        /// <summary>The desired twin's firmware target: an image id, or empty to withdraw the offer.</summary>
        public void OnTarget(string imageId, long nowMs)
        {
            _nowMs = nowMs;
            if (imageId == null || imageId.Length == 0)
            {
                // The twin holds one target: an offer waiting behind the current update is withdrawn too.
                if (_record.DeferredImageId != null)
                {
                    _record.DeferredImageId = null;
                    Save();
                }

                if (_record.Phase == UpdateRecord.PhaseErasing || _record.Phase == UpdateRecord.PhaseDownloading)
                {
                    string cancelled = _record.ImageId;
                    _record.Phase = UpdateRecord.PhaseIdle;
                    Save();
                    ReportFor(cancelled, OtaStatus.StateCancelled, OtaStatus.ReasonNone, "the offer was withdrawn", true);
                }

                return;
            }

            if (!FirmwareImageId.IsValid(imageId))
            {
                return;
            }

            bool current = imageId == _record.ImageId;
            if (current && (_record.Phase == UpdateRecord.PhaseErasing || _record.Phase == UpdateRecord.PhaseDownloading))
            {
                // Offered again (twin resent): carry on, nudging a download that may have stalled.
                if (_uplink != null && _uplink.IsOnline)
                {
                    OnOnline(nowMs);
                }

                return;
            }

            if (current && _record.Phase == UpdateRecord.PhaseStaged)
            {
                Report(OtaStatus.StateStaged, OtaStatus.ReasonNone, null, true);
                return;
            }

            if (imageId == _record.InstalledImageId && _record.Phase == UpdateRecord.PhaseIdle && !_onTrial)
            {
                ReportFor(imageId, OtaStatus.StateInstalled, OtaStatus.ReasonNone, null, true);
                return;
            }

            if (imageId == _record.RefusedImageId)
            {
                ReportFor(imageId, _record.RefusedState, _record.RefusedReason, "refused earlier", true);
                return;
            }

            if (IsBusy)
            {
                // Never two at once; the newest offer is taken up when the current update ends either way.
                string why = _onTrial ? "the running image has not confirmed its health yet" : "another update is under way";
                _record.DeferredImageId = imageId;
                Save();
                ReportFor(imageId, OtaStatus.StateFailed, OtaStatus.ReasonBusy, why, true);
                return;
            }

            if (imageId == _record.DeferredImageId)
            {
                _record.DeferredImageId = null;
            }

            _record.Phase = UpdateRecord.PhaseErasing;
            _record.ImageId = imageId;
            _record.Slot = _slots.ActiveSlot == 0 ? 1 : 0;
            _record.Written = 0;
            _record.Total = 0;
            _headerChecked = false;
            _checkpointAt = 0;
            _reportedAt = 0;
            _requestedEnd = 0;

            // Saved before the erase: a power cut during it must not forget the offer (the twin version is already applied).
            if (!Save())
            {
                return;
            }

            if (_uplink != null && _uplink.IsOnline)
            {
                EraseAndBegin(nowMs);
            }
        }

        /// <summary>A piece of the bundle being downloaded; anything else (late, duplicate, other image) is ignored.</summary>
        public void OnChunk(OtaChunk chunk, long nowMs)
        {
            _nowMs = nowMs;
            if (_record.Phase != UpdateRecord.PhaseDownloading || chunk.ImageId != _record.ImageId)
            {
                return;
            }

            if (chunk.Error != null)
            {
                // Not remembered: the cloud may serve it again later (or has moved the offer on).
                Fail(OtaStatus.ReasonUnavailable, chunk.Error, false);
                return;
            }

            if (chunk.Offset != _record.Written)
            {
                // A duplicate, or a gap after a lost message: the stall timer asks again from flash.
                return;
            }

            if (_record.Total == 0)
            {
                if (chunk.TotalLength > _slots.SlotCapacity)
                {
                    _record.Total = chunk.TotalLength;
                    Fail(OtaStatus.ReasonTooLarge, "the bundle is larger than a firmware slot", true);
                    return;
                }

                _record.Total = chunk.TotalLength;
            }
            else if (chunk.TotalLength != _record.Total)
            {
                Fail(OtaStatus.ReasonMalformedBundle, "the bundle's length changed during the download", true);
                return;
            }

            if (chunk.DataLength == 0 || !_slots.Write(_record.Slot, chunk.Offset, chunk.DataBuffer, chunk.DataOffset, chunk.DataLength))
            {
                Fail(chunk.DataLength == 0 ? OtaStatus.ReasonMalformedBundle : OtaStatus.ReasonFlashFault, "a chunk could not be written", chunk.DataLength == 0);
                return;
            }

            _record.Written += chunk.DataLength;
            _lastProgressAtMs = nowMs;
            if (!_headerChecked && !CheckHeader())
            {
                return;
            }

            if (_record.Written >= _record.Total)
            {
                Verify(nowMs);
                return;
            }

            if (_record.Written - _checkpointAt >= _options.CheckpointBytes)
            {
                _checkpointAt = _record.Written;
                Save();
            }

            if (_record.Written - _reportedAt >= _options.ProgressStepBytes)
            {
                _reportedAt = _record.Written;
                Report(OtaStatus.StateDownloading, OtaStatus.ReasonNone, null, false);
            }

            RequestMore();
        }

        /// <summary>The loop's heartbeat: restarts, health confirmation, trial deadline and stalled downloads.</summary>
        public void OnTick(long nowMs)
        {
            _nowMs = nowMs;
            if (nowMs >= _restartAtMs)
            {
                _restartAtMs = Never;
                _host.Restart();
                return;
            }

            if (_onTrial)
            {
                if (_onlineSinceMs != Never && nowMs - _onlineSinceMs >= _options.HealthyAfterMs)
                {
                    Confirm();
                }
                else if (nowMs - _trialStartedAtMs >= _options.TrialDeadlineMs)
                {
                    // Not healthy in time: restart, which burns one of the image's trials.
                    _onTrial = false;
                    _host.Restart();
                }

                return;
            }

            if (_record.Phase == UpdateRecord.PhaseDownloading && _onlineSinceMs != Never && nowMs - _lastProgressAtMs >= _options.StallMs)
            {
                _lastProgressAtMs = nowMs;
                _requestedEnd = _record.Written;
                RequestMore();
            }
        }

        private void EraseAndBegin(long nowMs)
        {
            if (!_slots.Erase(_record.Slot))
            {
                Fail(OtaStatus.ReasonFlashFault, "the update slot could not be erased", false);
                return;
            }

            _record.Phase = UpdateRecord.PhaseDownloading;
            if (!Save())
            {
                return;
            }

            _lastProgressAtMs = nowMs;
            Report(OtaStatus.StateDownloading, OtaStatus.ReasonNone, null, false);
            RequestMore();
        }

        /// <summary>Keeps up to a window of bytes asked for ahead of flash, asking again when half has arrived.</summary>
        private void RequestMore()
        {
            if (_uplink == null || !_uplink.IsOnline)
            {
                return;
            }

            int outstanding = _requestedEnd - _record.Written;
            if (outstanding > _options.WindowBytes / 2)
            {
                return;
            }

            int end = _record.Written + _options.WindowBytes;
            if (_record.Total > 0 && end > _record.Total)
            {
                end = _record.Total;
            }

            int start = _requestedEnd > _record.Written ? _requestedEnd : _record.Written;
            if (start >= end)
            {
                return;
            }

            _request.CorrelationId = 0;
            _request.ImageId = _record.ImageId;
            _request.Offset = start;
            _request.Length = end - start;
            if (_uplink.Request(_request))
            {
                _requestedEnd = end;
            }
        }

        /// <summary>Once the header is in flash: false when the image was refused (or flash failed).</summary>
        private bool CheckHeader()
        {
            byte reason = _check.CheckHeader(_slots, _record.Slot, _record.Written);
            if (reason == SignedImageCheck.ReasonIncomplete)
            {
                return true;
            }

            if (reason == OtaStatus.ReasonNone)
            {
                reason = Suitability();
            }

            if (reason == OtaStatus.ReasonNone && _check.BundleLength != _record.Total)
            {
                reason = OtaStatus.ReasonMalformedBundle;
            }

            if (reason != OtaStatus.ReasonNone)
            {
                Fail(reason, DetailFor(reason), reason != OtaStatus.ReasonFlashFault);
                return false;
            }

            _headerChecked = true;
            return true;
        }

        /// <summary>Whether the signed manifest suits this device: its model, and not below the anti-rollback floor.</summary>
        private byte Suitability()
        {
            FirmwareManifest manifest = _check.Manifest;
            if (manifest.Model != _model)
            {
                return OtaStatus.ReasonWrongModel;
            }

            if (_record.Floor != null && FirmwareVersion.Compare(manifest.Version, _record.Floor) < 0)
            {
                return OtaStatus.ReasonDowngrade;
            }

            return OtaStatus.ReasonNone;
        }

        private void Verify(long nowMs)
        {
            Report(OtaStatus.StateVerifying, OtaStatus.ReasonNone, null, false);
            byte reason = _check.CheckSlot(_slots, _record.Slot, _record.Total);
            if (reason == OtaStatus.ReasonNone)
            {
                reason = Suitability();
            }

            if (reason != OtaStatus.ReasonNone)
            {
                Fail(reason, DetailFor(reason), reason != OtaStatus.ReasonFlashFault);
                return;
            }

            if (!_slots.MarkPending(_record.Slot, _record.Total))
            {
                Fail(OtaStatus.ReasonFlashFault, "the new image could not be marked to boot", false);
                return;
            }

            _record.Phase = UpdateRecord.PhaseStaged;
            Save();
            Report(OtaStatus.StateStaged, OtaStatus.ReasonNone, null, true);
            _restartAtMs = nowMs + _options.RestartDelayMs;
        }

        /// <summary>Healthy on trial: make the running image the one to boot from now on.</summary>
        private void Confirm()
        {
            if (!_slots.ConfirmActive())
            {
                // Tried again next tick; the deadline still applies if flash keeps failing.
                return;
            }

            _onTrial = false;
            if (_record.Phase == UpdateRecord.PhaseStaged && _record.Slot == _slots.ActiveSlot)
            {
                FinishInstalled();
            }

            TakeDeferred();
        }

        /// <summary>An update just ended: start the offer that arrived while it ran, if there is one.</summary>
        private void TakeDeferred()
        {
            string deferred = _record.DeferredImageId;
            if (deferred == null || IsBusy)
            {
                return;
            }

            _record.DeferredImageId = null;
            Save();
            OnTarget(deferred, _nowMs);
        }

        private void FinishInstalled()
        {
            // The floor rises to what the confirmed image demands, never down.
            if (_check.CheckHeader(_slots, _slots.ActiveSlot, _record.Total) == OtaStatus.ReasonNone)
            {
                string minimum = _check.Manifest.MinimumVersion;
                if (minimum != null && minimum.Length > 0 && (_record.Floor == null || FirmwareVersion.Compare(minimum, _record.Floor) > 0))
                {
                    _record.Floor = minimum;
                }
            }

            string installed = _record.ImageId;
            _record.InstalledImageId = installed;
            _record.Phase = UpdateRecord.PhaseIdle;
            Save();
            ReportFor(installed, OtaStatus.StateInstalled, OtaStatus.ReasonNone, null, true);
        }

        private void Fail(byte reason, string detail, bool remember)
        {
            Refuse(_record.ImageId, OtaStatus.StateFailed, reason, detail, remember);
        }

        private void Refuse(string imageId, byte state, byte reason, string detail)
        {
            Refuse(imageId, state, reason, detail, true);
        }

        private void Refuse(string imageId, byte state, byte reason, string detail, bool remember)
        {
            int written = _record.Written;
            _record.Phase = UpdateRecord.PhaseIdle;
            if (remember)
            {
                _record.RefusedImageId = imageId;
                _record.RefusedState = state;
                _record.RefusedReason = reason;
            }

            Save();
            _status.BytesDone = written;
            ReportFor(imageId, state, reason, detail, true);
            TakeDeferred();
        }

        private bool Save()
        {
            int length = _record.WriteTo(_recordBuffer);
            try
            {
                _store.Save(_recordBuffer, length);
                return true;
            }
            catch (System.Exception)
            {
                // A store that cannot write (flash fault, power going): the download carries on from RAM.
                return false;
            }
        }

        private void Report(byte state, byte reason, string detail, bool keepWhileOffline)
        {
            _status.BytesDone = _record.Written;
            ReportFor(_record.ImageId, state, reason, detail, keepWhileOffline);
        }

        private void ReportFor(string imageId, byte state, byte reason, string detail, bool keepWhileOffline)
        {
            if (_uplink == null || imageId == null)
            {
                return;
            }

            _status.CorrelationId = 0;
            _status.ImageId = imageId;
            _status.State = state;
            _status.TotalLength = imageId == _record.ImageId ? _record.Total : 0;
            if (imageId != _record.ImageId)
            {
                _status.BytesDone = 0;
            }

            _status.Reason = reason;
            _status.Detail = detail;
            _status.RunningVersion = _runningVersion;
            if (state != OtaStatus.StateDownloading && state != OtaStatus.StateVerifying && state != OtaStatus.StateFailed
                && state != OtaStatus.StateRolledBack && state != OtaStatus.StateCancelled)
            {
                _status.BytesDone = _record.Total;
            }

            _uplink.Report(_status, keepWhileOffline);
        }

        private static string DetailFor(byte reason)
        {
            switch (reason)
            {
                case OtaStatus.ReasonWrongModel: return "the image is for another model";
                case OtaStatus.ReasonDowngrade: return "the image is older than this device's minimum version";
                case OtaStatus.ReasonMalformedBundle: return "the bundle is malformed";
                case OtaStatus.ReasonHashMismatch: return "the image does not match its signed SHA-256";
                case OtaStatus.ReasonBadSignature: return "the signature does not verify";
                case OtaStatus.ReasonUntrustedKey: return "signed by a key this device does not trust";
                case OtaStatus.ReasonFlashFault: return "flash fault";
                default: return null;
            }
        }
    }
}
