namespace SpeakerHub.Protocol
{
    /// <summary>
    /// Walks the tag-length-value fields of a payload. Unknown tags are skipped by callers, which is what
    /// lets a newer sender add fields without breaking an older receiver. Never reads outside the view.
    /// </summary>
    public sealed class FieldReader
    {
        private byte[] _buffer;
        private int _position;
        private int _end;

        public int Tag;
        public int ValueOffset;
        public int ValueLength;
        public ProtocolError Error;

        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public void Reset(Envelope envelope)
        {
            Reset(envelope.Buffer, envelope.PayloadOffset, envelope.PayloadLength);
        }

        public void Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _position = offset;
            _end = offset + count;
            Tag = 0;
            ValueOffset = 0;
            ValueLength = 0;
            Error = ProtocolError.None;
        }

        /// <summary>Moves to the next field. False at the end of the payload or on a malformed field.</summary>
        public bool Next()
        {
            if (Error != ProtocolError.None || _buffer == null || _position >= _end)
            {
                return false;
            }

            if (_end - _position < 3)
            {
                Error = ProtocolError.Truncated;
                return false;
            }

            Tag = _buffer[_position];
            ValueLength = BigEndian.ReadUInt16(_buffer, _position + 1);
            ValueOffset = _position + 3;
            if (ValueLength > _end - ValueOffset)
            {
                Error = ProtocolError.Truncated;
                return false;
            }

            _position = ValueOffset + ValueLength;
            return true;
        }

        public int ReadInt32()
        {
            if (!Expect(4))
            {
                return 0;
            }

            return (int)BigEndian.ReadUInt32(_buffer, ValueOffset);
        }

        public uint ReadUInt32()
        {
            return (uint)ReadInt32();
        }

        public long ReadInt64()
        {
            if (!Expect(8))
            {
                return 0;
            }

            return BigEndian.ReadInt64(_buffer, ValueOffset);
        }

        public byte ReadByte()
        {
            if (!Expect(1))
            {
                return 0;
            }

            return _buffer[ValueOffset];
        }

        public bool ReadBool()
        {
            byte value = ReadByte();
            if (value > 1)
            {
                Error = ProtocolError.OutOfRange;
                return false;
            }

            return value == 1;
        }

        /// <summary>UTF-8 text; malformed sequences set <see cref="ProtocolError.BadText"/> and return null.</summary>
        public string ReadString()
        {
            if (Error != ProtocolError.None)
            {
                return null;
            }

            if (!Utf8Validator.IsValid(_buffer, ValueOffset, ValueLength))
            {
                Error = ProtocolError.BadText;
                return null;
            }

            if (ValueLength == 0)
            {
                return string.Empty;
            }

            return System.Text.Encoding.UTF8.GetString(_buffer, ValueOffset, ValueLength);
        }

        /// <summary>Copies a bytes field into a new array (control messages only; audio reads the view).</summary>
        public byte[] ReadBytes()
        {
            byte[] copy = new byte[ValueLength];
            System.Array.Copy(_buffer, ValueOffset, copy, 0, ValueLength);
            return copy;
        }

        private bool Expect(int length)
        {
            if (Error != ProtocolError.None)
            {
                return false;
            }

            if (ValueLength != length)
            {
                Error = ProtocolError.BadFieldLength;
                return false;
            }

            return true;
        }
    }
}
