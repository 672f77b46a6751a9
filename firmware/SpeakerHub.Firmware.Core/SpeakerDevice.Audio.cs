using SpeakerHub.Firmware.Core.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// Microphone → cloud. While online every frame lands in the capture ring; an open utterance streams
    /// it as ADPCM <see cref="VoiceChunk"/> messages on <c>up/voice</c> and ends in Thinking, like typed
    /// text. Push-to-talk opens and ends utterances for now; voice activity detection plugs in at
    /// <see cref="GateCapturedFrame"/>. Nothing on this path allocates after boot.
    /// </summary>
    public sealed partial class SpeakerDevice
    {
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
                GateCapturedFrame();
                StreamCapturedFrames();
            }
            catch (System.Exception)
            {
                // A transport that throws must not stop the audio loop; the utterance loses a chunk.
                PortFaults++;
            }
        }

        private void PressToTalk()
        {
            if (!IsOnline || _voice.IsOpen)
            {
                return;
            }

            if (_state == DeviceState.Speaking)
            {
                // Pressing to talk over the speaker is how a user interrupts it.
                _speaker.Stop();
                _listenAfterSpeaking = false;
            }
            else if (_state != DeviceState.Idle && _state != DeviceState.Listening)
            {
                // Thinking: an answer is on its way (a short press cancels it); Updating: busy.
                return;
            }

            FailInteraction(InteractionFailure.Cancelled);
            uint id = NextInteractionId();

            // Only audio after the trigger may leave the device (DESIGN §2), so push-to-talk starts from an
            // empty ring. Voice activity detection will keep the ring's last frames as pre-roll instead.
            _captureRing.Clear();
            _voice.Start(id);
            _pendingInteractionId = id;
            _replyDeadlineMs = Never;

            // The held button, not the follow-up timeout, decides when this utterance ends.
            _listenUntilMs = Never;
            SetState(DeviceState.Listening);
        }

        private void ReleaseToTalk()
        {
            // Not open: the maximum length already ended it, or the press was refused.
            if (_voice.IsOpen)
            {
                EndUtterance();
            }
        }

        /// <summary>
        /// The voice activity seam. Push-to-talk opens the utterance at the press, so the first frame after
        /// it starts the stream; the VAD issue decides here instead, on speech onset with pre-roll from the
        /// ring, and ends the utterance by hangover end-pointing.
        /// </summary>
        private void GateCapturedFrame()
        {
            if (_state == DeviceState.Listening && _voice.IsOpen)
            {
                SetState(DeviceState.Streaming);
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
                SetState(DeviceState.Thinking);
                return;
            }

            // The cloud heard no end, so no reply will come: a press shorter than one frame, or a link
            // that refused the final chunk.
            FailInteraction(streamed ? InteractionFailure.ConnectionLost : InteractionFailure.Cancelled);
            SetState(DeviceState.Idle);
        }

        /// <summary>
        /// Keeps "an utterance is open" true only in Listening and Streaming: whatever moves the device
        /// elsewhere (stop, lost link, shutdown) ends it unsent.
        /// </summary>
        private void CloseUtteranceOutside(DeviceState next)
        {
            if (next != DeviceState.Listening && next != DeviceState.Streaming)
            {
                CancelUtterance();
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
