using SpeakerHub.Firmware.Core.Commands;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// Things that start on the device: buttons, typed utterances, and the volume/mute changes that
    /// buttons and commands share. Buttons work offline; their effect reaches the cloud with the full
    /// reported twin on the next connect.
    /// </summary>
    public sealed partial class SpeakerDevice
    {
        /// <summary>Event name of a local button action; Detail says which, Value the resulting level.</summary>
        public const string ButtonEventName = "button";

        /// <summary>
        /// Interaction ids are (boot count &lt;&lt; 16 | sequence): unique across reboots without a clock.
        /// The boot count keeps 15 bits so the top bit stays clear: ids with it set are the cloud's
        /// announcements (<see cref="Reply.AnnouncementIdBit"/>).
        /// </summary>
        private const int InteractionSequenceBits = 16;
        private const int InteractionSequenceMask = 0xFFFF;
        private const int InteractionBootMask = 0x7FFF;

        public void OnButton(ButtonEvent button, long nowMs)
        {
            _nowMs = nowMs;
            switch (button)
            {
                case ButtonEvent.VolumeUp:
                    ChangeVolume(_settings.Volume + 1);
                    SaveSettings();
                    PublishButtonEvent(CommandNames.VolumeUp, _settings.Volume);
                    break;
                case ButtonEvent.VolumeDown:
                    ChangeVolume(_settings.Volume - 1);
                    SaveSettings();
                    PublishButtonEvent(CommandNames.VolumeDown, _settings.Volume);
                    break;
                case ButtonEvent.LongPress:
                    bool muted = !_settings.Muted;
                    ChangeMuted(muted);
                    SaveSettings();
                    PublishButtonEvent(muted ? CommandNames.Mute : CommandNames.Unmute, muted ? 1 : 0);
                    break;
                case ButtonEvent.ShortPress:
                    Talk();
                    break;
                case ButtonEvent.TalkPressed:
                    PressToTalk();
                    break;
                case ButtonEvent.TalkReleased:
                    ReleaseToTalk();
                    break;
            }
        }

        /// <summary>
        /// Sends typed text as if spoken (<c>up/voice</c>) and waits for the reply in Thinking. Returns
        /// the interaction id the reply will carry, or 0 when it could not be sent (offline, already
        /// thinking, empty or over-long text).
        /// </summary>
        public uint SendUtterance(string text, long nowMs)
        {
            _nowMs = nowMs;
            if (!IsOnline || _state == DeviceState.Thinking || _state == DeviceState.Updating || _voice.IsOpen
                || text == null || text.Length == 0 || text.Length > Utterance.MaxTextLength)
            {
                return 0;
            }

            uint id = NextInteractionId();
            _utterance.CorrelationId = id;
            _utterance.Text = text;
            if (!Publish(_topics.VoiceUp, _utterance, false))
            {
                return 0;
            }

            _speaker.Stop();
            _pendingInteractionId = id;
            _replyDeadlineMs = nowMs + _options.ReplyTimeoutMs;
            SetState(DeviceState.Thinking);
            return id;
        }

        /// <summary>
        /// The talk button's tap: listen when idle; a second tap ends the utterance being streamed (the
        /// reply follows); otherwise stop — cancel listening or the pending answer, cut off speech.
        /// </summary>
        private void Talk()
        {
            if (_state == DeviceState.Idle)
            {
                StartListening(VoiceChunk.TriggerButton);
            }
            else if (_state == DeviceState.Streaming)
            {
                EndUtterance();
            }
            else if (_state == DeviceState.Thinking)
            {
                FailInteraction(InteractionFailure.Cancelled);
                SetState(DeviceState.Idle);
            }
            else if (_state == DeviceState.Speaking || _state == DeviceState.Listening)
            {
                StopAudio();
            }
        }

        private void BeginSpeaking(string text, bool listenAfterwards)
        {
            // Whatever voice was playing gives way to the newer thing to say.
            EndReplyAudio(ReplyAudioOutcome.Interrupted);
            _listenAfterSpeaking = listenAfterwards;
            if (text != null && text.Length > 0)
            {
                _speaker.Say(text);
                if (IsOnline)
                {
                    SetState(DeviceState.Speaking);
                }

                return;
            }

            if (IsOnline)
            {
                FinishSpeaking();
            }
        }

        private void FinishSpeaking()
        {
            if (_listenAfterSpeaking)
            {
                // The reply asked a question: the answer needs no wake phrase and no button.
                _listenAfterSpeaking = false;
                StartListening(VoiceChunk.TriggerFollowUp);
                return;
            }

            SetState(_pendingInteractionId != 0 ? DeviceState.Thinking : DeviceState.Idle);
        }

        private void StopAudio()
        {
            _speaker.Stop();
            _listenAfterSpeaking = false;
            _listenUntilMs = Never;
            if (_state == DeviceState.Speaking || _state == DeviceState.Listening || _state == DeviceState.Streaming)
            {
                SetState(DeviceState.Idle);
            }
        }

        /// <summary>A change made on or to this device (button, command): applied and reported at once.</summary>
        private void ChangeVolume(int volume)
        {
            if (ApplyVolume(volume))
            {
                PublishReportedTwin();
            }
        }

        private void ChangeMuted(bool muted)
        {
            if (ApplyMuted(muted))
            {
                PublishReportedTwin();
            }
        }

        private bool ApplyVolume(int volume)
        {
            if (volume < 0)
            {
                volume = 0;
            }
            else if (volume > TwinPatch.MaxVolume)
            {
                volume = TwinPatch.MaxVolume;
            }

            if (volume == _settings.Volume)
            {
                return false;
            }

            _settings.Volume = volume;
            _speaker.SetVolume(volume);
            return true;
        }

        private bool ApplyMuted(bool muted)
        {
            if (muted == _settings.Muted)
            {
                return false;
            }

            _settings.Muted = muted;
            _speaker.SetMuted(muted);
            return true;
        }

        private void FailInteraction(InteractionFailure reason)
        {
            if (_pendingInteractionId == 0)
            {
                return;
            }

            uint id = _pendingInteractionId;
            _pendingInteractionId = 0;
            _replyDeadlineMs = Never;
            _observer.InteractionFailed(id, reason);
        }

        private uint NextInteractionId()
        {
            _interactionSequence = (_interactionSequence + 1) & InteractionSequenceMask;
            if (_interactionSequence == 0)
            {
                _interactionSequence = 1;
            }

            return ((uint)(_settings.BootCount & InteractionBootMask) << InteractionSequenceBits) | (uint)_interactionSequence;
        }
    }
}
