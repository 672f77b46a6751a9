using SpeakerHub.Protocol.Audio;

namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// Up to <see cref="MaxFrames"/> 20 ms frames of microphone audio on <c>up/voice</c>, one IMA-ADPCM
    /// block per frame. The correlation id is the interaction id (the reply carries it back); the
    /// sequence is the index of the chunk's first frame in the utterance, so the cloud places every chunk
    /// and notices a lost one; <see cref="Envelope.FlagFinal"/> marks the utterance's last chunk.
    /// Decoding does not copy the audio: <see cref="Blocks"/> points into the received bytes, which is
    /// what lets one instance decode a whole stream without allocating.
    /// </summary>
    public sealed class VoiceChunk : Message
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

        /// <summary>
        /// Frames per message (DESIGN §2): 60 ms of audio in ~0.5 KB keeps MQTT overhead low without
        /// holding speech back long enough for the cloud's recogniser to fall behind.
        /// </summary>
        public const int MaxFrames = 3;

        public const int MaxBlocksLength = MaxFrames * BlockLength;

        /// <summary>Largest encoded chunk, trace context included: what a device's voice writer must hold.</summary>
        public const int MaxMessageLength = Envelope.HeaderLength + Envelope.TraceLength
            + (3 * MessageWriter.FieldHeaderLength) + 1 + 1 + MaxBlocksLength;

        /// <summary>1..<see cref="MaxFrames"/>; 0 after a decode means the field was absent.</summary>
        public int FrameCount;

        /// <summary>Audio format code; 0 after a decode means the field was absent.</summary>
        public byte Format;

        /// <summary>View of the blocks: <see cref="FrameCount"/> × <see cref="BlockLength"/> bytes.</summary>
        public byte[] Blocks;
        public int BlocksOffset;
        public int BlocksLength;

        public override byte Type
        {
            get { return MessageType.VoiceChunk; }
        }

        /// <summary>The utterance's last chunk: the device now waits for the reply.</summary>
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
            // Frames from different utterances must never be stitched together, so the id is required.
            if (CorrelationId == 0 || FrameCount == 0 || Format == 0 || Blocks == null)
            {
                return ProtocolError.MissingField;
            }

            if (FrameCount > MaxFrames || Format != FormatAdpcm16kHz20ms)
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
