using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Audio
{
    /// <summary>
    /// One utterance on its way to the cloud: frames are ADPCM-encoded into <see cref="VoiceChunk"/>
    /// messages of up to three frames and handed to the link. A full chunk is held until the next frame
    /// or the end of the utterance, so the last chunk always carries frames and the final flag.
    /// Audio is never queued: a chunk the link refuses is counted and gone, because by the time the link
    /// recovers the user has long stopped talking.
    /// </summary>
    public sealed class VoiceUplink
    {
        private readonly AdpcmEncoder _encoder = new AdpcmEncoder();
        private readonly VoiceChunkWriter _chunk = new VoiceChunkWriter(new MessageWriter(VoiceChunk.MaxMessageLength));
        private readonly ITransport _transport;
        private readonly string _topic;
        private uint _interactionId;
        private byte _trigger;
        private int _frameCount;
        private bool _open;

        public VoiceUplink(ITransport transport, string topic)
        {
            _transport = transport;
            _topic = topic;
        }

        /// <summary>An utterance is being captured: <see cref="Start"/> was called and it has not ended.</summary>
        public bool IsOpen
        {
            get { return _open; }
        }

        public uint InteractionId
        {
            get { return _interactionId; }
        }

        /// <summary>What opened the current (or last) utterance: a <c>VoiceChunk.Trigger…</c> constant.</summary>
        public byte Trigger
        {
            get { return _trigger; }
        }

        /// <summary>Frames of the current (or last) utterance encoded so far.</summary>
        public int FrameCount
        {
            get { return _frameCount; }
        }

        public int SentChunks { get; private set; }

        /// <summary>Chunks the link would not take (not connected, send queue full); their audio is lost.</summary>
        public int RefusedChunks { get; private set; }

        public void Start(uint interactionId, byte trigger)
        {
            // Each utterance starts from the state the cloud's decoder assumes for a first block.
            _encoder.Reset();
            _chunk.Discard();
            _interactionId = interactionId;
            _trigger = trigger;
            _frameCount = 0;
            _open = true;
        }

        /// <summary>Encodes one frame (<see cref="VoiceChunk.FrameSamples"/> samples at <paramref name="offset"/>).</summary>
        public void Add(short[] samples, int offset)
        {
            if (!_open)
            {
                return;
            }

            if (_chunk.IsOpen && _chunk.IsFull)
            {
                Send(false);
            }

            if (!_chunk.IsOpen)
            {
                _chunk.Begin(_interactionId, (uint)_frameCount, _trigger);
            }

            if (_chunk.AddFrame(_encoder, samples, offset))
            {
                _frameCount++;
            }
        }

        /// <summary>
        /// Sends what is left as the final chunk and closes the utterance. False when the cloud will hear
        /// no end: no frame was captured, or the link refused the final chunk.
        /// </summary>
        public bool Finish()
        {
            if (!_open)
            {
                return false;
            }

            _open = false;
            return _chunk.IsOpen && Send(true);
        }

        /// <summary>Closes the utterance without another message (cancelled, or the link went down).</summary>
        public void Abandon()
        {
            _open = false;
            _chunk.Discard();
        }

        private bool Send(bool final)
        {
            int length = _chunk.End(final);
            if (length >= 0 && _transport.Publish(_topic, _chunk.Writer.Buffer, 0, length, false))
            {
                SentChunks++;
                return true;
            }

            RefusedChunks++;
            return false;
        }
    }
}
