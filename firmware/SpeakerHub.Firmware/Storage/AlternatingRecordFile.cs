using System.IO;
using SpeakerHub.Firmware.Core.Settings;
using SpeakerHub.Protocol;

namespace SpeakerHub.Firmware.Storage
{
    /// <summary>
    /// One small record kept power-cut safe as two files written in turn. Each copy carries a sequence
    /// number and a checksum; a load takes the valid copy with the newer sequence, and a save overwrites
    /// the other one. A cut mid-write can only tear the copy being written, so the previous record
    /// survives.
    /// Why not "write a temp file, then rename": nanoFramework's File.Move has no overwrite, and
    /// delete-then-move leaves a moment with no record at all; nor does the API promise the flash file
    /// system renames atomically. Two copies need nothing from the file system beyond "a file that was
    /// closed reads back what was written".
    /// Copy layout: magic 'S''H' | sequence u32 | length u16 | payload | Fletcher-16 over sequence..payload.
    /// </summary>
    public sealed class AlternatingRecordFile
    {
        private const byte MagicFirst = (byte)'S';
        private const byte MagicSecond = (byte)'H';
        private const int SequenceOffset = 2;
        private const int LengthOffset = 6;
        private const int HeaderLength = 8;
        private const int ChecksumLength = 2;
        private const int NoCopy = -1;

        private readonly string[] _paths;
        private readonly byte[] _copy;
        private readonly int _maxPayload;
        private uint _sequence;
        private int _newestCopy = NoCopy;

        public AlternatingRecordFile(string basePath, int maxPayloadBytes)
        {
            _paths = new string[] { basePath + FlashPaths.FirstCopy, basePath + FlashPaths.SecondCopy };
            _maxPayload = maxPayloadBytes;
            _copy = new byte[HeaderLength + maxPayloadBytes + ChecksumLength];
        }

        public int MaxPayloadBytes
        {
            get { return _maxPayload; }
        }

        /// <summary>Copies the newest valid payload into <paramref name="buffer"/>; returns its length, 0 when none.</summary>
        public int Load(byte[] buffer)
        {
            _newestCopy = NoCopy;
            int newestLength = 0;
            for (int copy = 0; copy < _paths.Length; copy++)
            {
                int length = ReadCopy(_paths[copy]);
                if (length < 0 || length > buffer.Length)
                {
                    continue;
                }

                uint sequence = BigEndian.ReadUInt32(_copy, SequenceOffset);

                // Signed distance, so the sequence may wrap after 4 billion saves without confusion.
                if (_newestCopy == NoCopy || (int)(sequence - _sequence) > 0)
                {
                    _newestCopy = copy;
                    _sequence = sequence;
                    newestLength = length;
                    System.Array.Copy(_copy, HeaderLength, buffer, 0, length);
                }
            }

            return newestLength;
        }

        /// <summary>Writes the payload over the older copy. Returns false on a flash fault (the old record stays).</summary>
        public bool Save(byte[] payload, int count)
        {
            if (count < 0 || count > _maxPayload)
            {
                return false;
            }

            int target = _newestCopy == 0 ? 1 : 0;
            uint sequence = _sequence + 1;
            _copy[0] = MagicFirst;
            _copy[1] = MagicSecond;
            BigEndian.WriteUInt32(_copy, SequenceOffset, sequence);
            BigEndian.WriteUInt16(_copy, LengthOffset, count);
            System.Array.Copy(payload, 0, _copy, HeaderLength, count);
            int end = HeaderLength + count;
            BigEndian.WriteUInt16(_copy, end, Fletcher16.Compute(_copy, SequenceOffset, end));
            try
            {
                using (FileStream stream = new FileStream(_paths[target], FileMode.Create, FileAccess.Write))
                {
                    stream.Write(_copy, 0, end + ChecksumLength);
                    stream.Flush();
                }
            }
            catch (IOException)
            {
                return false;
            }

            _sequence = sequence;
            _newestCopy = target;
            return true;
        }

        /// <summary>Reads one copy into <see cref="_copy"/>; returns the payload length or -1 when absent or torn.</summary>
        private int ReadCopy(string path)
        {
            if (!File.Exists(path))
            {
                return -1;
            }

            int read = 0;
            try
            {
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    while (read < _copy.Length)
                    {
                        int got = stream.Read(_copy, read, _copy.Length - read);
                        if (got <= 0)
                        {
                            break;
                        }

                        read += got;
                    }
                }
            }
            catch (IOException)
            {
                return -1;
            }

            if (read < HeaderLength + ChecksumLength || _copy[0] != MagicFirst || _copy[1] != MagicSecond)
            {
                return -1;
            }

            int length = BigEndian.ReadUInt16(_copy, LengthOffset);
            int end = HeaderLength + length;
            if (length > _maxPayload || end + ChecksumLength != read)
            {
                return -1;
            }

            return BigEndian.ReadUInt16(_copy, end) == Fletcher16.Compute(_copy, SequenceOffset, end) ? length : -1;
        }
    }
}
