using SpeakerHub.Protocol.Audio;

namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// What <see cref="VoiceChunk"/> (microphone → cloud) and <see cref="ReplyAudio"/> (cloud → speaker)
    /// share: consecutive 20 ms frames of one interaction, one IMA-ADPCM block per frame. The correlation
    /// id is the interaction id; the sequence is the index of the chunk's first frame in the stream, so a
    /// receiver places every chunk and notices a lost one; <see cref="Envelope.FlagFinal"/> marks the last.
    /// Decoding does not copy the audio: <see cref="Blocks"/> points into the received bytes, which is
    /// what lets one instance decode a whole stream without allocating.
    /// </summary>
    public abstract class AudioChunk : Message
    {
        public const byte TagFrameCount = 1;
        public const byte TagFormat = 2;
        public const byte TagBlocks = 3;

        /// <summary>IMA ADPCM, 16 kHz mono, one block per 320-sample (20 ms) frame.</summary>
        public const byte FormatAdpcm16kHz20ms = 1;

        public const int SampleRate = 16000;
        public const int FrameSamples = 320;
        public const int FrameMilliseconds = FrameSamples * 1000 / SampleRate;

        /// <summary>One frame's block: the 4-byte ADPCM state header and 4 bits per sample.</summary>
        public const int BlockLength = ImaAdpcm.BlockHeaderLength + (FrameSamples / 2);

        /// <summary>Envelope, trace context and the three fields around the blocks: a chunk's fixed cost.</summary>
        public const int FixedMessageLength = Envelope.HeaderLength + Envelope.TraceLength
            + (3 * MessageWriter.FieldHeaderLength) + 1 + 1;

        private readonly int _maxFrames;
        private readonly bool _emptyFinalAllowed;

        /// <summary>Frames in this chunk; 0 after a decode means the field was absent.</summary>
        public int FrameCount;

        /// <summary>Audio format code; 0 after a decode means the field was absent.</summary>
        public byte Format;

        /// <summary>View of the blocks: <see cref="FrameCount"/> × <see cref="BlockLength"/> bytes.</summary>
        public byte[] Blocks;
        public int BlocksOffset;
        public int BlocksLength;

        /// <param name="maxFrames">Most frames one message of this kind may carry.</param>
        /// <param name="emptyFinalAllowed">Whether a stream may end with a final chunk of no frames.</param>
        protected AudioChunk(int maxFrames, bool emptyFinalAllowed)
        {
            _maxFrames = maxFrames;
            _emptyFinalAllowed = emptyFinalAllowed;
        }

        /// <summary>The stream's last chunk.</summary>
        public bool IsFinal
        {
            get { return (Flags & Envelope.FlagFinal) != 0; }
        }

        /// <summary>Where block <paramref name="frame"/> (0-based within this chunk) starts in <see cref="Blocks"/>.</summary>
        public int BlockOffset(int frame)
        {
            return BlocksOffset + (frame * BlockLength);
        }

        public void SetBlocks(byte[] buffer, int offset, int length)
        {
            Blocks = buffer;
            BlocksOffset = offset;
            BlocksLength = length;
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteByte(TagFrameCount, (byte)FrameCount);
            writer.WriteByte(TagFormat, Format);
            if (Blocks != null)
            {
                writer.WriteBytes(TagBlocks, Blocks, BlocksOffset, BlocksLength);
            }
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagFrameCount: FrameCount = reader.ReadByte(); break;
                case TagFormat: Format = reader.ReadByte(); break;
                case TagBlocks: SetBlocks(reader.Buffer, reader.ValueOffset, reader.ValueLength); break;
            }
        }

        protected override void Clear()
        {
            FrameCount = 0;
            Format = 0;
            SetBlocks(null, 0, 0);
        }

        protected override ProtocolError Validate()
        {
            // Frames from different interactions must never be stitched together, so the id is required.
            if (CorrelationId == 0 || Format == 0)
            {
                return ProtocolError.MissingField;
            }

            if (Format != FormatAdpcm16kHz20ms)
            {
                return ProtocolError.OutOfRange;
            }

            if (FrameCount == 0)
            {
                // A sender that learns only afterwards that its stream is over ends it with an empty final
                // chunk where the kind allows that; anywhere else a chunk without audio is a broken one.
                if (!_emptyFinalAllowed || !IsFinal)
                {
                    return ProtocolError.MissingField;
                }

                return BlocksLength == 0 ? ProtocolError.None : ProtocolError.BadFieldLength;
            }

            if (Blocks == null)
            {
                return ProtocolError.MissingField;
            }

            if (FrameCount > _maxFrames)
            {
                return ProtocolError.OutOfRange;
            }

            if (BlocksLength != FrameCount * BlockLength)
            {
                return ProtocolError.BadFieldLength;
            }

            // Checked here so a receiver can hand every block to the decoder without a failure path.
            for (int frame = 0; frame < FrameCount; frame++)
            {
                if (Blocks[BlockOffset(frame) + ImaAdpcm.StepIndexOffset] > ImaAdpcm.MaxStepIndex)
                {
                    return ProtocolError.OutOfRange;
                }
            }

            return ProtocolError.None;
        }
    }
}
