namespace SpeakerHub.Protocol.Audio
{
    /// <summary>
    /// Streaming IMA-ADPCM encoder. Keeps predictor state across blocks so quality does not reset at
    /// every frame; each block still records that state in its header. Allocates nothing per call.
    /// </summary>
    public sealed class AdpcmEncoder
    {
        private int _predictor;
        private int _index;

        public void Reset()
        {
            _predictor = 0;
            _index = 0;
        }

        /// <summary>
        /// Encodes <paramref name="count"/> samples into one block at <paramref name="destinationOffset"/>.
        /// Returns the bytes written (<see cref="ImaAdpcm.BlockLength"/>), or -1 if the destination is too small.
        /// </summary>
        public int Encode(short[] samples, int offset, int count, byte[] destination, int destinationOffset)
        {
            int length = ImaAdpcm.BlockLength(count);
            if (samples == null || destination == null || offset < 0 || count < 0 || offset > samples.Length - count
                || destinationOffset < 0 || destinationOffset > destination.Length - length)
            {
                return -1;
            }

            BigEndian.WriteUInt16(destination, destinationOffset, _predictor & 0xFFFF);
            destination[destinationOffset + 2] = (byte)_index;
            destination[destinationOffset + 3] = 0;
            int output = destinationOffset + ImaAdpcm.BlockHeaderLength;
            for (int i = 0; i < count; i++)
            {
                int nibble = EncodeSample(samples[offset + i]);
                if ((i & 1) == 0)
                {
                    destination[output] = (byte)nibble;
                }
                else
                {
                    destination[output] = (byte)(destination[output] | (nibble << 4));
                    output++;
                }
            }

            return length;
        }

        private int EncodeSample(int sample)
        {
            int step = ImaAdpcm.StepSizes[_index];
            int diff = sample - _predictor;
            int nibble = 0;
            if (diff < 0)
            {
                nibble = 8;
                diff = -diff;
            }

            if (diff >= step)
            {
                nibble |= 4;
                diff -= step;
            }

            if (diff >= (step >> 1))
            {
                nibble |= 2;
                diff -= step >> 1;
            }

            if (diff >= (step >> 2))
            {
                nibble |= 1;
            }

            // Track the decoder's reconstruction, not the input, so encoder and decoder never drift.
            _predictor = ImaAdpcm.Expand(nibble, _predictor, step);
            _index = ImaAdpcm.NextIndex(_index, nibble);
            return nibble;
        }
    }
}
