using SpeakerHub.Firmware.Core.Audio;
using SpeakerHub.Firmware.Core.Settings;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// Microphone → cloud. While online every frame lands in the capture ring and, while the device
    /// listens (Idle, Listening, Streaming), goes through voice activity detection. An utterance opens on
    /// a trigger — push-to-talk at the press, otherwise at the speech onset after a tap, a follow-up
    /// question or (wake) in Idle, with the ring's last frames as pre-roll — streams as ADPCM
    /// <see cref="VoiceChunk"/> messages on <c>up/voice</c>, and ends in Thinking: at the release, a
    /// second tap, the hangover or the maximum length. Nothing on this path allocates after boot.
    /// </summary>
    public sealed partial class SpeakerDevice
    {
        // While Listening without an open utterance: what the onset will open it as; 0 otherwise.
        private byte _listenTrigger;

        // The open utterance is push-to-talk: the release ends it, not the detector.
        private bool _heldUtterance;

        /// <summary>Frames dropped on arrival: offline (audio is stale by reconnect), or not one frame long.</summary>
        public int DroppedAudioFrames { get; private set; }

        /// <summary>Voice chunks the link refused; their audio never reached the cloud.</summary>
        public int RefusedVoiceChunks
        {
            get { return _voice.RefusedChunks; }
        }

        public int SentVoiceChunks
        {
            get { return _voice.SentChunks; }
        }

        /// <summary>The detector's current noise floor (mean absolute sample), for diagnostics.</summary>
        public int NoiseFloor
        {
            get { return _vad.NoiseFloor; }
        }

        /// <summary>
        /// One 20 ms microphone frame: exactly <see cref="VoiceChunk.FrameSamples"/> samples, 16 kHz mono.
        /// The adapter calls this for every frame the driver delivers, in every state, and may reuse the
        /// array afterwards (it is copied). Frames that arrive offline are dropped, never queued.
        /// </summary>
        public void OnAudioFrame(short[] frame)
        {
            if (!IsOnline || !_captureRing.Write(frame))
            {
                DroppedAudioFrames++;
                return;
            }

            try
            {
                VoiceActivity activity = Hear(frame);
                StreamCapturedFrames();
                if (activity == VoiceActivity.End && _state == DeviceState.Streaming && !_heldUtterance)
                {
                    EndUtterance();
                }
            }
            catch (System.Exception)
            {
                // A transport that throws must not stop the audio loop; the utterance loses a chunk.
                PortFaults++;
            }
        }

        /// <summary>Runs the detector where the device listens and opens an utterance on a trigger.</summary>
        private VoiceActivity Hear(short[] frame)
        {
            // Thinking and Speaking: the microphone mostly hears the speaker itself.
            if (_state != DeviceState.Idle && _state != DeviceState.Listening && _state != DeviceState.Streaming)
            {
                return VoiceActivity.Silence;
            }

            VoiceActivity activity = _vad.Process(frame, 0, frame.Length);
            if (_state == DeviceState.Listening && _voice.IsOpen)
            {
                // Push-to-talk: the press opened the utterance, so the first frame after it starts the stream.
                SetState(DeviceState.Streaming);
            }
            else if (activity == VoiceActivity.Onset)
            {
                if (_state == DeviceState.Listening && _listenTrigger != 0)
                {
                    OpenDetectedUtterance(_listenTrigger);
                }
                else if (_state == DeviceState.Idle && _settings.WakeSensitivity > 0)
                {
                    OpenDetectedUtterance(VoiceChunk.TriggerWake);
                }
            }

            return activity;
        }

        private void OpenDetectedUtterance(byte trigger)
        {
            // Pre-roll: the onset run and ~200 ms before it. For a tap or a follow-up the ring was emptied
            // at the trigger, so nothing from before it can leave the device.
            while (_captureRing.Count > _preRollFrames)
            {
                _captureRing.DropOldest();
            }

            OpenUtterance(trigger, false);
            SetState(DeviceState.Streaming);
        }

        private void OpenUtterance(byte trigger, bool held)
        {
            FailInteraction(InteractionFailure.Cancelled);
            uint id = NextInteractionId();
            _voice.Start(id, trigger);
            _pendingInteractionId = id;
            _replyDeadlineMs = Never;
            _listenUntilMs = Never;
            _listenTrigger = 0;
            _heldUtterance = held;
            _observer.UtteranceStarted(id, trigger);
        }

        /// <summary>Tap or follow-up: the microphone is open and the next onset opens the utterance.</summary>
        private void StartListening(byte trigger)
        {
            // Only audio after the trigger may leave the device (DESIGN §2).
            _captureRing.Clear();
            _vad.ResetSegment();
            _listenUntilMs = _nowMs + _options.ListenTimeoutMs;
            SetState(DeviceState.Listening);
            _listenTrigger = trigger;
        }

        private void PressToTalk()
        {
            if (!IsOnline || _voice.IsOpen)
            {
                return;
            }

            if (_state == DeviceState.Speaking)
            {
                // Pressing to talk over the speaker is how a user interrupts it; leaving Speaking below
                // discards the rest of the reply's audio.
                _speaker.Stop();
                _listenAfterSpeaking = false;
            }
            else if (_state != DeviceState.Idle && _state != DeviceState.Listening)
            {
                // Thinking: an answer is on its way (a short press cancels it); Updating: busy.
                return;
            }

            _captureRing.Clear();
            OpenUtterance(VoiceChunk.TriggerButton, true);
            SetState(DeviceState.Listening);
        }

        private void ReleaseToTalk()
        {
            // Not open: the maximum length already ended it, or the press was refused.
            if (_voice.IsOpen && _heldUtterance)
            {
                EndUtterance();
            }
        }

        private void StreamCapturedFrames()
        {
            while (_state == DeviceState.Streaming && _captureRing.Count > 0)
            {
                _voice.Add(_captureRing.Samples, _captureRing.OldestOffset);
                _captureRing.DropOldest();
                if (_voice.FrameCount >= _maxUtteranceFrames)
                {
                    EndUtterance();
                }
            }
        }

        private void EndUtterance()
        {
            bool streamed = _voice.FrameCount > 0;
            if (_voice.Finish())
            {
                _replyDeadlineMs = _nowMs + _options.ReplyTimeoutMs;
                _observer.UtteranceSent(_voice.InteractionId, _voice.FrameCount);
                SetState(DeviceState.Thinking);
                return;
            }

            // The cloud heard no end, so no reply will come: a press shorter than one frame, or a link
            // that refused the final chunk.
            FailInteraction(streamed ? InteractionFailure.ConnectionLost : InteractionFailure.Cancelled);
            SetState(DeviceState.Idle);
        }

        /// <summary>Whole 20 ms frames in <paramref name="milliseconds"/>, at least one.</summary>
        private static int FramesIn(int milliseconds)
        {
            int frames = milliseconds / VoiceChunk.FrameMilliseconds;
            return frames < 1 ? 1 : frames;
        }

        /// <summary>The twin's wake sensitivity sets the detector's margin (and 0 turns wake off).</summary>
        private void TuneVoiceDetector()
        {
            // With wake off a tap still opens the microphone, and end-pointing must work as shipped.
            int sensitivity = _settings.WakeSensitivity;
            if (sensitivity <= 0 || sensitivity > TwinPatch.MaxWakeSensitivity)
            {
                sensitivity = DeviceSettings.DefaultWakeSensitivity;
            }

            int least = _options.VadMarginAtLeastSensitivePercent;
            int most = _options.VadMarginAtMostSensitivePercent;
            _vad.SetMargin(least - ((least - most) * (sensitivity - 1) / (TwinPatch.MaxWakeSensitivity - 1)));
        }

        /// <summary>
        /// Keeps "an utterance is open" true only in Listening and Streaming: whatever moves the device
        /// elsewhere (stop, lost link, shutdown) ends it unsent. A fresh Idle starts from silence.
        /// </summary>
        private void LeaveVoiceStatesFor(DeviceState next)
        {
            if (next != DeviceState.Listening)
            {
                _listenTrigger = 0;
            }

            if (next != DeviceState.Listening && next != DeviceState.Streaming)
            {
                CancelUtterance();
            }

            if (next == DeviceState.Idle)
            {
                _vad.ResetSegment();
            }
        }

        /// <summary>Ends an open utterance unsent; its interaction fails as cancelled unless already settled.</summary>
        private void CancelUtterance()
        {
            if (!_voice.IsOpen)
            {
                return;
            }

            _voice.Abandon();
            if (_pendingInteractionId == _voice.InteractionId)
            {
                FailInteraction(InteractionFailure.Cancelled);
            }
        }
    }
}
