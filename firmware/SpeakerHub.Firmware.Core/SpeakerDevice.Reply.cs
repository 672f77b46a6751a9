using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// The assistant's answers on <c>down/reply</c>. A <see cref="Reply"/> answers the pending utterance,
    /// or is an announcement (an id the device never gives out) played only when nobody is mid-sentence.
    /// With <see cref="Reply.AudioFollows"/> its voice arrives as <see cref="ReplyAudio"/> chunks, played
    /// from the first one through the jitter buffer; otherwise the speaker says the text itself.
    /// </summary>
    public sealed partial class SpeakerDevice
    {
        private long _lastReplyChunkMs;

        /// <summary>Announcements that arrived while the device was busy with a user; not played.</summary>
        public int IgnoredAnnouncements { get; private set; }

        /// <summary>Replies to interactions the device no longer waits for (timed out, cancelled).</summary>
        public int StaleReplies { get; private set; }

        /// <summary>Reply-audio chunks for no reply being played: late after a barge-in, or unasked for.</summary>
        public int IgnoredReplyAudioChunks { get; private set; }

        /// <summary>Reply streams that went quiet before their final chunk.</summary>
        public int StalledReplies { get; private set; }

        /// <summary>Frames of the current or last reply played as silence because they came too late or never.</summary>
        public int ConcealedReplyFrames
        {
            get { return _playback.Buffer.ConcealedFrames; }
        }

        /// <summary>Frames of the current or last reply dropped because they came too far ahead of playback.</summary>
        public int OverflowReplyFrames
        {
            get { return _playback.Buffer.OverflowFrames; }
        }

        /// <summary>Frames of the current or last reply that came twice or after playback had passed them.</summary>
        public int IgnoredReplyFrames
        {
            get { return _playback.Buffer.IgnoredFrames; }
        }

        private void HandleReply(Reply reply)
        {
            uint id = reply.CorrelationId;
            if (_pendingInteractionId != 0 && id == _pendingInteractionId)
            {
                _pendingInteractionId = 0;
                _replyDeadlineMs = Never;
            }
            else if (!Reply.IsAnnouncementId(id))
            {
                StaleReplies++;
                return;
            }
            else if (_state != DeviceState.Idle && (_state != DeviceState.Listening || _voice.IsOpen))
            {
                // A timer going off must not talk over the user or over the answer they are waiting for.
                IgnoredAnnouncements++;
                return;
            }

            // Answered while its utterance is still open: an empty reply may leave the state where it
            // is, and the device must not stay on an utterance that will never be sent.
            CancelUtterance();
            _observer.ReplyReceived(id, reply.Text, reply.ExpectsFollowUp);
            if (reply.AudioFollows)
            {
                BeginReplyAudio(id, reply.ExpectsFollowUp);
            }
            else
            {
                BeginSpeaking(reply.Text, reply.ExpectsFollowUp);
            }
        }

        private void BeginReplyAudio(uint interactionId, bool listenAfterwards)
        {
            EndReplyAudio(ReplyAudioOutcome.Interrupted);
            _listenAfterSpeaking = listenAfterwards;
            _playback.Start(interactionId);
            _lastReplyChunkMs = _nowMs;
            SetState(DeviceState.Speaking);
        }

        private void HandleReplyAudio(ReplyAudio chunk)
        {
            if (!_playback.IsActive || chunk.CorrelationId != _playback.InteractionId)
            {
                IgnoredReplyAudioChunks++;
                return;
            }

            _lastReplyChunkMs = _nowMs;
            if (_playback.Add(chunk))
            {
                _observer.ReplyAudioStarted(chunk.CorrelationId);
            }

            _playback.Pump();
        }

        /// <summary>Speaking, once per tick: keep the speaker fed, notice a stalled stream, finish.</summary>
        private void TickSpeaking(long nowMs)
        {
            if (!_playback.IsActive)
            {
                if (!_speaker.IsSpeaking)
                {
                    FinishSpeaking();
                }

                return;
            }

            _playback.Pump();
            if (!_playback.Buffer.IsEndKnown && nowMs - _lastReplyChunkMs >= _options.ReplyStallMs)
            {
                StalledReplies++;
                _playback.EndAtReceived();
                _playback.Pump();
            }

            if (_playback.IsFinished)
            {
                bool stalled = _playback.Stalled;
                EndReplyAudio(stalled ? ReplyAudioOutcome.Stalled : ReplyAudioOutcome.Played);

                // A question cut off by a dead stream was not heard whole: do not wait for its answer.
                if (stalled)
                {
                    _listenAfterSpeaking = false;
                }

                FinishSpeaking();
            }
        }

        /// <summary>Closes the reply stream, if one is open; an interrupted one stops the speaker at once.</summary>
        private void EndReplyAudio(ReplyAudioOutcome outcome)
        {
            if (!_playback.IsActive)
            {
                return;
            }

            _playback.Stop(outcome == ReplyAudioOutcome.Interrupted);
            _observer.ReplyAudioFinished(
                _playback.InteractionId, outcome, _playback.Buffer.DecodedFrames, _playback.Buffer.ConcealedFrames);
        }

        /// <summary>Reply audio lives only in Speaking: leaving it any other way cuts the stream off.</summary>
        private void EndReplyAudioOutside(DeviceState next)
        {
            if (next != DeviceState.Speaking)
            {
                EndReplyAudio(ReplyAudioOutcome.Interrupted);
            }
        }
    }
}
