namespace SpeakerHub.Protocol.Audio
{
    /// <summary>Decodes self-contained IMA-ADPCM blocks (see <see cref="ImaAdpcm"/>). Stateless, allocation-free.</summary>
    public static class AdpcmDecoder
    {
        /// <summary>Samples a block of <paramref name="blockLength"/> bytes holds (2 per data byte).</summary>
        public static int SampleCount(int blockLength)
        {
            return blockLength <= ImaAdpcm.BlockHeaderLength ? 0 : (blockLength - ImaAdpcm.BlockHeaderLength) * 2;
        }

        /// <summary>
        /// Decodes one block of <paramref name="count"/> bytes into <paramref name="samples"/>. Returns the
        /// number of samples written, or -1 for a malformed header or a destination that is too small.
        /// </summary>
        public static int Decode(byte[] block, int offset, int count, short[] samples, int samplesOffset)
        {
            if (block == null || samples == null || offset < 0 || count < ImaAdpcm.BlockHeaderLength || offset > block.Length - count)
            {
                return -1;
            }

            int produced = SampleCount(count);
            if (samplesOffset < 0 || samplesOffset > samples.Length - produced)
            {
                return -1;
            }

            int predictor = (short)BigEndian.ReadUInt16(block, offset);
            int index = block[offset + 2];
            if (index > ImaAdpcm.MaxStepIndex)
            {
                return -1;
            }

            int output = samplesOffset;
            int end = offset + count;
            for (int i = offset + ImaAdpcm.BlockHeaderLength; i < end; i++)
            {
                int packed = block[i];
                for (int half = 0; half < 2; half++)
                {
                    int nibble = half == 0 ? packed & 0x0F : packed >> 4;
                    predictor = ImaAdpcm.Expand(nibble, predictor, ImaAdpcm.StepSizes[index]);
                    index = ImaAdpcm.NextIndex(index, nibble);
                    samples[output++] = (short)predictor;
                }
            }

            return produced;
        }
    }
}
