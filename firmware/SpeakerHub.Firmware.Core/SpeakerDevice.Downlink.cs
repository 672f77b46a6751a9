using SpeakerHub.Firmware.Core.Commands;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>Cloud → device: desired twin, commands, replies and reply audio. Bad input is counted, never thrown.</summary>
    public sealed partial class SpeakerDevice
    {
        private const string DetailVolumeRange = "volume must be 0..10";
        private const string DetailTextRequired = "text is required";
        private const string DetailUnknownCommand = "unknown command";

        /// <summary>
        /// One MQTT message from the subscription. Never throws: a device that a malformed or hostile
        /// downlink can crash is a device that can be bricked remotely.
        /// </summary>
        public void OnMessage(string topic, byte[] payload, int offset, int count)
        {
            try
            {
                Dispatch(topic, payload, offset, count);
            }
            catch (System.Exception)
            {
                PortFaults++;
            }
        }

        private void Dispatch(string topic, byte[] payload, int offset, int count)
        {
            string kind;
            if (topic == _topics.TwinDown)
            {
                kind = Topics.Twin;
            }
            else if (topic == _topics.CommandDown)
            {
                kind = Topics.Command;
            }
            else if (topic == _topics.ReplyDown)
            {
                kind = Topics.Reply;
            }
            else if (topic == _topics.OtaDown && _updater != null)
            {
                kind = Topics.Ota;
            }
            else
            {
                UnhandledMessages++;
                return;
            }

            if (_envelope.Read(payload, offset, count) != ProtocolError.None
                || !TopicRouting.IsAllowed(kind, false, _envelope.Type))
            {
                MalformedMessages++;
                return;
            }

            if (kind == Topics.Twin)
            {
                if (_desired.ReadFrom(_envelope) == ProtocolError.None)
                {
                    ApplyDesired(_desired);
                    return;
                }
            }
            else if (kind == Topics.Command)
            {
                if (_command.ReadFrom(_envelope) == ProtocolError.None)
                {
                    HandleCommand(_command);
                    return;
                }
            }
            else if (kind == Topics.Ota)
            {
                if (_otaChunk.ReadFrom(_envelope) == ProtocolError.None)
                {
                    _updater.OnChunk(_otaChunk, _nowMs);
                    return;
                }
            }
            else if (_envelope.Type == MessageType.ReplyAudio)
            {
                if (_replyAudio.ReadFrom(_envelope) == ProtocolError.None)
                {
                    HandleReplyAudio(_replyAudio);
                    return;
                }
            }
            else if (_reply.ReadFrom(_envelope) == ProtocolError.None)
            {
                HandleReply(_reply);
                return;
            }

            MalformedMessages++;
        }

        private void ApplyDesired(TwinPatch desired)
        {
            if (desired.Version < _settings.TwinVersion)
            {
                // Delivered late (QoS 1 redelivery, broker session replay): a newer one is already applied.
                StaleTwinPatches++;
                return;
            }

            // The same version again means our report may have been lost: report again, change nothing.
            if (desired.Version > _settings.TwinVersion)
            {
                if (desired.Has(TwinPatch.HasVolume))
                {
                    ApplyVolume(desired.Volume);
                }

                if (desired.Has(TwinPatch.HasMuted))
                {
                    ApplyMuted(desired.Muted);
                }

                if (desired.Has(TwinPatch.HasWakeSensitivity))
                {
                    _settings.WakeSensitivity = desired.WakeSensitivity;
                    TuneVoiceDetector();
                }

                // Before the version is saved: the updater records the offer in its own flash record first, so a
                // power cut between the two saves leaves this version unapplied and the resent twin offers it again
                // (the other way round the offer would be lost). It never restarts from here, only from OnTick.
                if (desired.Has(TwinPatch.HasFirmwareTarget) && _updater != null)
                {
                    _updater.OnTarget(desired.FirmwareTarget, _nowMs);
                }

                _settings.TwinVersion = desired.Version;
                SaveSettings();
            }

            PublishReportedTwin();
        }

        private void HandleCommand(Command command)
        {
            byte outcome;
            if (_settings.Commands.TryGetOutcome(command.CorrelationId, out outcome))
            {
                DuplicateCommands++;
                SendResult(command.CorrelationId, outcome, null);
                return;
            }

            string detail = null;
            outcome = Execute(command, ref detail);
            _settings.Commands.Remember(command.CorrelationId, outcome);
            SaveSettings();
            SendResult(command.CorrelationId, outcome, detail);
        }

        private byte Execute(Command command, ref string detail)
        {
            switch (command.Name)
            {
                case CommandNames.VolumeSet:
                    if (command.Number < 0 || command.Number > TwinPatch.MaxVolume)
                    {
                        detail = DetailVolumeRange;
                        return CommandResult.OutcomeFailed;
                    }

                    ChangeVolume(command.Number);
                    return CommandResult.OutcomeDone;
                case CommandNames.VolumeUp:
                    ChangeVolume(_settings.Volume + 1);
                    return CommandResult.OutcomeDone;
                case CommandNames.VolumeDown:
                    ChangeVolume(_settings.Volume - 1);
                    return CommandResult.OutcomeDone;
                case CommandNames.Mute:
                    ChangeMuted(true);
                    return CommandResult.OutcomeDone;
                case CommandNames.Unmute:
                    ChangeMuted(false);
                    return CommandResult.OutcomeDone;
                case CommandNames.Say:
                    if (command.Text == null || command.Text.Length == 0)
                    {
                        detail = DetailTextRequired;
                        return CommandResult.OutcomeFailed;
                    }

                    BeginSpeaking(command.Text, false);
                    return CommandResult.OutcomeDone;
                case CommandNames.Stop:
                    StopAudio();
                    return CommandResult.OutcomeDone;
                default:
                    detail = DetailUnknownCommand;
                    return CommandResult.OutcomeUnsupported;
            }
        }

        private void SendResult(uint commandId, byte outcome, string detail)
        {
            _result.CorrelationId = commandId;
            _result.Outcome = outcome;
            _result.Detail = detail;
            PublishOrQueue(_topics.ResultUp, _result);
        }
    }
}
