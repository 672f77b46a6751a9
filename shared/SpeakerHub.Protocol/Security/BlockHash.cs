namespace SpeakerHub.Protocol.Security
{
    /// <summary>
    /// The Merkle–Damgård frame the FIPS 180-4 hashes share, written for nanoFramework: no Span, no
    /// generics, and no allocation after construction. It owns the block buffer, the message length and
    /// the padding; a subclass owns the chaining state and says how to reset it, compress one block into
    /// it, and write the digest out of it. Feed data with <see cref="Update"/>, then call
    /// <see cref="Final"/>, which writes the digest and leaves the instance reset for the next message.
    /// An instance is not thread-safe; use one per thread.
    /// </summary>
    public abstract class BlockHash
    {
        private readonly byte[] _block;
        private readonly int _digestLength;
        private readonly int _lengthFieldLength;
        private int _blockFill;
        private long _totalBytes;

        /// <param name="blockLength">Bytes per compressed block (64 for SHA-256, 128 for SHA-512).</param>
        /// <param name="digestLength">Bytes <see cref="WriteDigest"/> writes.</param>
        /// <param name="lengthFieldLength">Bytes of the big-endian bit length closing the padding (8 or 16).</param>
        protected BlockHash(int blockLength, int digestLength, int lengthFieldLength)
        {
            _block = new byte[blockLength];
            _digestLength = digestLength;
            _lengthFieldLength = lengthFieldLength;
        }

        /// <summary>
        /// The one-shot helper behind each algorithm's static <c>Hash</c>: feeds <paramref name="count"/>
        /// bytes of <paramref name="data"/> to the fresh <paramref name="hash"/> and returns its
        /// <paramref name="digestLength"/>-byte digest in a new array.
        /// </summary>
        protected static byte[] HashOnce(BlockHash hash, int digestLength, byte[] data, int offset, int count)
        {
            hash.Update(data, offset, count);
            byte[] digest = new byte[digestLength];
            hash.Final(digest, 0);
            return digest;
        }

        /// <summary>Discards any data fed so far and starts a new message.</summary>
        public void Reset()
        {
            ResetState();
            _blockFill = 0;
            _totalBytes = 0;
        }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> to the message.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new System.ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count", "offset and count must lie within data");
            }

            int blockLength = _block.Length;
            _totalBytes += count;

            if (_blockFill > 0)
            {
                int take = blockLength - _blockFill;
                if (take > count)
                {
                    take = count;
                }

                for (int i = 0; i < take; i++)
                {
                    _block[_blockFill + i] = data[offset + i];
                }

                _blockFill += take;
                offset += take;
                count -= take;
                if (_blockFill < blockLength)
                {
                    return;
                }

                Compress(_block, 0);
                _blockFill = 0;
            }

            while (count >= blockLength)
            {
                Compress(data, offset);
                offset += blockLength;
                count -= blockLength;
            }

            for (int i = 0; i < count; i++)
            {
                _block[i] = data[offset + i];
            }

            _blockFill = count;
        }

        /// <summary>
        /// Pads the message, writes its digest to <paramref name="output"/> at
        /// <paramref name="outputOffset"/>, and resets the instance for the next message.
        /// </summary>
        public void Final(byte[] output, int outputOffset)
        {
            if (output == null)
            {
                throw new System.ArgumentNullException("output");
            }

            if (outputOffset < 0 || outputOffset > output.Length - _digestLength)
            {
                throw new System.ArgumentOutOfRangeException("outputOffset", "the digest does not fit in output");
            }

            int blockLength = _block.Length;

            // FIPS 180-4 §5.1.1 (SHA-256) and §5.1.2 (SHA-512): a 1 bit, zeros up to the length field
            // (56 mod 64, or 112 mod 128), then the message length in bits as a 64-bit or 128-bit
            // big-endian number.
            _block[_blockFill] = 0x80;
            _blockFill++;
            if (_blockFill > blockLength - _lengthFieldLength)
            {
                for (int i = _blockFill; i < blockLength; i++)
                {
                    _block[i] = 0;
                }

                Compress(_block, 0);
                _blockFill = 0;
            }

            for (int i = _blockFill; i < blockLength - 8; i++)
            {
                _block[i] = 0;
            }

            // A long byte count supplies the low 67 bits of the bit length; in a 128-bit field the 3 bits
            // above the low 64 go to the upper word, whose other bits stay zero.
            if (_lengthFieldLength > 8)
            {
                BigEndian.WriteInt64(_block, blockLength - 16, (long)((ulong)_totalBytes >> 61));
            }

            BigEndian.WriteInt64(_block, blockLength - 8, _totalBytes << 3);
            Compress(_block, 0);

            WriteDigest(output, outputOffset);
            Reset();
        }

        /// <summary>Sets the chaining state to the algorithm's initial hash value.</summary>
        protected abstract void ResetState();

        /// <summary>Folds one whole block of <paramref name="block"/> from <paramref name="offset"/> into the state.</summary>
        protected abstract void Compress(byte[] block, int offset);

        /// <summary>Writes the digest (the final state, big-endian) to <paramref name="output"/> at <paramref name="outputOffset"/>.</summary>
        protected abstract void WriteDigest(byte[] output, int outputOffset);
    }
}
