namespace SpeakerHub.Protocol.Audio
{
    /// <summary>
    /// IMA/DVI ADPCM tables and the per-sample step shared by <see cref="AdpcmEncoder"/> and
    /// <see cref="AdpcmDecoder"/>. 4 bits per 16-bit sample: a 20 ms frame of 320 samples becomes
    /// 160 bytes plus a 4-byte block header that carries the predictor state, so every block decodes
    /// on its own even after a lost message.
    /// Block: predictor (int16, big-endian) | step index (0..88) | reserved (0) | nibbles, low nibble first.
    /// </summary>
    public static class ImaAdpcm
    {
        public const int BlockHeaderLength = 4;

        /// <summary>Position of the step index within a block header (after the 2-byte predictor).</summary>
        public const int StepIndexOffset = 2;
        public const int MaxStepIndex = 88;

        /// <summary>Bytes of one block for <paramref name="samples"/> samples (odd counts pad the last nibble).</summary>
        public static int BlockLength(int samples)
        {
            return BlockHeaderLength + ((samples + 1) / 2);
        }

        internal static readonly int[] IndexAdjust = new int[]
        {
            -1, -1, -1, -1, 2, 4, 6, 8,
            -1, -1, -1, -1, 2, 4, 6, 8,
        };

        internal static readonly int[] StepSizes = new int[]
        {
            7, 8, 9, 10, 11, 12, 13, 14, 16, 17,
            19, 21, 23, 25, 28, 31, 34, 37, 41, 45,
            50, 55, 60, 66, 73, 80, 88, 97, 107, 118,
            130, 143, 157, 173, 190, 209, 230, 253, 279, 307,
            337, 371, 408, 449, 494, 544, 598, 658, 724, 796,
            876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066,
            2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358,
            5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899,
            15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767,
        };

        /// <summary>Applies one nibble to the predictor; returns the new predicted sample.</summary>
        internal static int Expand(int nibble, int predictor, int step)
        {
            int diff = step >> 3;
            if ((nibble & 4) != 0)
            {
                diff += step;
            }

            if ((nibble & 2) != 0)
            {
                diff += step >> 1;
            }

            if ((nibble & 1) != 0)
            {
                diff += step >> 2;
            }

            predictor = (nibble & 8) != 0 ? predictor - diff : predictor + diff;
            if (predictor > 32767)
            {
                return 32767;
            }

            return predictor < -32768 ? -32768 : predictor;
        }

        internal static int NextIndex(int index, int nibble)
        {
            index += IndexAdjust[nibble];
            if (index < 0)
            {
                return 0;
            }

            return index > MaxStepIndex ? MaxStepIndex : index;
        }
    }
}
