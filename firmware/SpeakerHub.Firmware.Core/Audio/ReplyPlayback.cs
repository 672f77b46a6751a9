using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Audio
{
    /// <summary>
    /// One reply's voice from the jitter buffer to the speaker. Frames are decoded one at a time into a
    /// single preallocated 320-sample buffer and offered to <see cref="ISpeaker.Play"/> for as long as it
    /// accepts; what it does not take now is offered again on the next <see cref="Pump"/>. Playback starts
    /// with the first chunk: the speaker's own buffer, not a wait here, rides out network jitter.
    /// </summary>
    public sealed class ReplyPlayback
    {
        private readonly ISpeaker _speaker;
        private readonly ReplyJitterBuffer _buffer;
        private readonly short[] _frame = new short[AudioChunk.FrameSamples];
        private int _frameOffset;
        private int _frameRemaining;
        private uint _interactionId;
        private bool _active;
        private bool _heard;
        private bool _stalled;

        public ReplyPlayback(ISpeaker speaker, int capacityFrames)
        {
            _speaker = speaker;
            _buffer = new ReplyJitterBuffer(capacityFrames);
        }

        /// <summary>A reply's audio is expected or playing.</summary>
        public bool IsActive
        {
            get { return _active; }
        }

        public uint InteractionId
        {
            get { return _interactionId; }
        }

        /// <summary>At least one chunk with frames arrived for the current reply.</summary>
        public bool HasAudio
        {
            get { return _heard; }
        }

        /// <summary>The current reply was cut short by <see cref="EndAtReceived"/>.</summary>
        public bool Stalled
        {
            get { return _stalled; }
        }

        public ReplyJitterBuffer Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Every frame up to the end has gone to the speaker and the speaker has played it.</summary>
        public bool IsFinished
        {
            get { return _buffer.IsDrained && _frameRemaining == 0 && !_speaker.IsSpeaking; }
        }

        public void Start(uint interactionId)
        {
            _buffer.Reset();
            _interactionId = interactionId;
            _frameRemaining = 0;
            _heard = false;
            _stalled = false;
            _active = true;
        }

        /// <summary>
        /// Takes a chunk of the current reply and plays what it can. Returns true when this was the first
        /// chunk that carried audio, the moment a listener starts hearing the answer.
        /// </summary>
        public bool Add(ReplyAudio chunk)
        {
            _buffer.Add(chunk);
            bool first = !_heard && chunk.FrameCount > 0;
            if (first)
            {
                _heard = true;
            }

            return first;
        }

        /// <summary>Feeds the speaker until it is full or nothing playable is left; call on every tick.</summary>
        public void Pump()
        {
            while (_active)
            {
                if (_frameRemaining == 0)
                {
                    ReplyFrame next = _buffer.Take(_frame);
                    if (next != ReplyFrame.Decoded && next != ReplyFrame.Concealed)
                    {
                        return;
                    }

                    _frameOffset = 0;
                    _frameRemaining = _frame.Length;
                }

                int accepted = _speaker.Play(_frame, _frameOffset, _frameRemaining);
                if (accepted <= 0)
                {
                    return;
                }

                if (accepted > _frameRemaining)
                {
                    accepted = _frameRemaining;
                }

                _frameOffset += accepted;
                _frameRemaining -= accepted;
            }
        }

        /// <summary>The stream went quiet: play what arrived, conceal its gaps, then finish.</summary>
        public void EndAtReceived()
        {
            _stalled = true;
            _buffer.EndAtReceived();
        }

        /// <summary>Ends the reply; with <paramref name="cutOff"/> the speaker goes silent at once.</summary>
        public void Stop(bool cutOff)
        {
            if (cutOff)
            {
                _speaker.Stop();
            }

            _active = false;
            _frameRemaining = 0;
        }
    }
}
