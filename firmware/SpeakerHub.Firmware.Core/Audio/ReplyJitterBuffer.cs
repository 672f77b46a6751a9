using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Audio
{
    /// <summary>
    /// The reply audio waiting to be played: ADPCM blocks stored by frame index in one array allocated
    /// at boot (150 frames = 3 s = ~25 KB by default; the cloud paces its stream to stay within ~2 s
    /// ahead of playback). Chunks may arrive late, twice or out of order; playback takes frames strictly
    /// in order. A frame that playback reaches while it is missing but later audio (or the end) is
    /// already known is given up on and played as silence, so one lost message costs its 20 ms, not the
    /// rest of the reply.
    /// </summary>
    public sealed class ReplyJitterBuffer
    {
        private const int EmptySlot = -1;
        private const int Unknown = -1;

        private readonly byte[] _blocks;
        private readonly int[] _slotFrame;
        private readonly int _capacity;
        private int _nextFrame;
        private int _receivedEnd;
        private int _endFrame = Unknown;

        public ReplyJitterBuffer(int capacityFrames)
        {
            if (capacityFrames < 1)
            {
                throw new System.ArgumentOutOfRangeException("capacityFrames");
            }

            _capacity = capacityFrames;
            _blocks = new byte[capacityFrames * AudioChunk.BlockLength];
            _slotFrame = new int[capacityFrames];
            Reset();
        }

        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Index of the next frame playback will take.</summary>
        public int NextFrame
        {
            get { return _nextFrame; }
        }

        /// <summary>The final chunk arrived (or the stream was cut short): the reply's length is known.</summary>
        public bool IsEndKnown
        {
            get { return _endFrame != Unknown; }
        }

        /// <summary>Every frame up to the known end has been taken.</summary>
        public bool IsDrained
        {
            get { return _endFrame != Unknown && _nextFrame >= _endFrame; }
        }

        public int DecodedFrames { get; private set; }

        /// <summary>Frames played as silence because they had not arrived when playback needed them.</summary>
        public int ConcealedFrames { get; private set; }

        /// <summary>Frames that arrived too far ahead of playback to be kept.</summary>
        public int OverflowFrames { get; private set; }

        /// <summary>Frames that arrived twice or after playback had passed them.</summary>
        public int IgnoredFrames { get; private set; }

        /// <summary>Empties the buffer for a new reply; counters start again.</summary>
        public void Reset()
        {
            for (int i = 0; i < _capacity; i++)
            {
                _slotFrame[i] = EmptySlot;
            }

            _nextFrame = 0;
            _receivedEnd = 0;
            _endFrame = Unknown;
            DecodedFrames = 0;
            ConcealedFrames = 0;
            OverflowFrames = 0;
            IgnoredFrames = 0;
        }

        /// <summary>Stores the frames of a decoded chunk; returns how many were new.</summary>
        public int Add(AudioChunk chunk)
        {
            // A sequence beyond what an int indexes is no reply this buffer could play: all overflow.
            if (chunk.Sequence > int.MaxValue - ReplyAudio.MaxFrames)
            {
                OverflowFrames += chunk.FrameCount;
                return 0;
            }

            int first = (int)chunk.Sequence;
            int stored = 0;
            for (int i = 0; i < chunk.FrameCount; i++)
            {
                if (Store(first + i, chunk.Blocks, chunk.BlockOffset(i)))
                {
                    stored++;
                }
            }

            if (chunk.IsFinal && _endFrame == Unknown)
            {
                _endFrame = first + chunk.FrameCount;
            }

            return stored;
        }

        /// <summary>No more chunks will come (the stream stalled): end after what has arrived.</summary>
        public void EndAtReceived()
        {
            if (_endFrame == Unknown)
            {
                _endFrame = _receivedEnd > _nextFrame ? _receivedEnd : _nextFrame;
            }
        }

        /// <summary>
        /// Puts the next frame's <see cref="AudioChunk.FrameSamples"/> samples into <paramref name="pcm"/>:
        /// decoded, or silence for a frame given up on. <see cref="ReplyFrame.Waiting"/> when the next
        /// frame may still come, <see cref="ReplyFrame.Ended"/> once drained.
        /// </summary>
        public ReplyFrame Take(short[] pcm)
        {
            if (IsDrained)
            {
                return ReplyFrame.Ended;
            }

            int slot = _nextFrame % _capacity;
            if (_slotFrame[slot] == _nextFrame)
            {
                _slotFrame[slot] = EmptySlot;
                _nextFrame++;
                AdpcmDecoder.Decode(_blocks, slot * AudioChunk.BlockLength, AudioChunk.BlockLength, pcm, 0);
                DecodedFrames++;
                return ReplyFrame.Decoded;
            }

            if (_receivedEnd <= _nextFrame && _endFrame == Unknown)
            {
                return ReplyFrame.Waiting;
            }

            _nextFrame++;
            System.Array.Clear(pcm, 0, AudioChunk.FrameSamples);
            ConcealedFrames++;
            return ReplyFrame.Concealed;
        }

        private bool Store(int frame, byte[] source, int offset)
        {
            if (frame < _nextFrame || (_endFrame != Unknown && frame >= _endFrame))
            {
                IgnoredFrames++;
                return false;
            }

            if (frame >= _nextFrame + _capacity)
            {
                OverflowFrames++;
                return false;
            }

            int slot = frame % _capacity;
            if (_slotFrame[slot] == frame)
            {
                IgnoredFrames++;
                return false;
            }

            System.Array.Copy(source, offset, _blocks, slot * AudioChunk.BlockLength, AudioChunk.BlockLength);
            _slotFrame[slot] = frame;
            if (frame + 1 > _receivedEnd)
            {
                _receivedEnd = frame + 1;
            }

            return true;
        }
    }
}
