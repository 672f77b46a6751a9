using SpeakerHub.Protocol.Audio;

namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// Builds <see cref="VoiceChunk"/> messages in place: each frame is ADPCM-encoded straight into the
    /// writer's buffer, so a device streams audio with no staging copy and no allocation. A chunk stays
    /// open after its last frame until <see cref="End"/>, because only the caller knows whether more audio
    /// follows, and the final flag belongs on a chunk that carries frames (a chunk has 1..3).
    /// </summary>
    public sealed class VoiceChunkWriter
    {
        private const int Closed = -1;

        private readonly MessageWriter _writer;
        private int _blocksOffset = Closed;
        private int _frameCount;

        public VoiceChunkWriter(MessageWriter writer)
        {
            if (writer == null)
            {
                throw new System.ArgumentNullException("writer");
            }

            _writer = writer;
        }

        /// <summary>Holds the message after <see cref="End"/>: bytes [0, length) of its buffer.</summary>
        public MessageWriter Writer
        {
            get { return _writer; }
        }

        public bool IsOpen
        {
            get { return _blocksOffset != Closed; }
        }

        public int FrameCount
        {
            get { return _frameCount; }
        }

        public bool IsFull
        {
            get { return _frameCount == VoiceChunk.MaxFrames; }
        }

        /// <summary>
        /// Starts a chunk of interaction <paramref name="interactionId"/> whose first frame is frame
        /// <paramref name="firstFrame"/> of the utterance, opened by <paramref name="trigger"/> (a
        /// <c>VoiceChunk.Trigger…</c> constant). Discards a chunk still open. False when the writer is
        /// too small for <see cref="VoiceChunk.MaxMessageLength"/>.
        /// </summary>
        public bool Begin(uint interactionId, uint firstFrame, byte trigger)
        {
            _frameCount = 0;
            _writer.Begin(MessageType.VoiceChunk, interactionId, firstFrame, 0);
            _writer.WriteByte(VoiceChunk.TagFormat, VoiceChunk.FormatAdpcm16kHz20ms);
            _writer.WriteByte(VoiceChunk.TagTrigger, trigger);
            _blocksOffset = _writer.OpenField(VoiceChunk.TagBlocks, VoiceChunk.MaxBlocksLength);
            if (_blocksOffset < 0)
            {
                _blocksOffset = Closed;
                return false;
            }

            return true;
        }

        /// <summary>
        /// Encodes <see cref="VoiceChunk.FrameSamples"/> samples from <paramref name="offset"/> as the next
        /// block. False when no chunk is open, it is full, or the samples are out of range.
        /// </summary>
        public bool AddFrame(AdpcmEncoder encoder, short[] samples, int offset)
        {
            if (!IsOpen || IsFull || encoder == null)
            {
                return false;
            }

            int destination = _blocksOffset + (_frameCount * VoiceChunk.BlockLength);
            if (encoder.Encode(samples, offset, VoiceChunk.FrameSamples, _writer.Buffer, destination) != VoiceChunk.BlockLength)
            {
                return false;
            }

            _frameCount++;
            return true;
        }

        /// <summary>
        /// Seals the open chunk, flagged final or not. Returns the message length in
        /// <see cref="Writer"/>'s buffer, or -1 when no chunk with at least one frame was open.
        /// </summary>
        public int End(bool final)
        {
            if (!IsOpen)
            {
                return -1;
            }

            _blocksOffset = Closed;
            if (_frameCount == 0)
            {
                return -1;
            }

            _writer.CloseField(_frameCount * VoiceChunk.BlockLength);
            _writer.WriteByte(VoiceChunk.TagFrameCount, (byte)_frameCount);
            _writer.SetFlags(final ? Envelope.FlagFinal : (byte)0);
            return _writer.End();
        }

        /// <summary>Drops the open chunk unsent (an utterance that was cancelled).</summary>
        public void Discard()
        {
            _blocksOffset = Closed;
            _frameCount = 0;
        }
    }
}
