namespace SpeakerHub.Protocol
{
    /// <summary>
    /// Writes one envelope and its fields into a buffer it owns, so a device can reuse one writer for
    /// every message. Overflow never throws: it sets <see cref="Error"/> and <see cref="End"/> returns -1.
    /// </summary>
    public sealed class MessageWriter
    {
        /// <summary>Tag (1) and length (2) in front of every field value.</summary>
        public const int FieldHeaderLength = 3;

        private const int NoOpenField = -1;

        private readonly byte[] _buffer;
        private int _position;
        private int _payloadStart;
        private int _openFieldStart = NoOpenField;
        private int _openFieldCapacity;

        public MessageWriter(int capacity)
        {
            _buffer = new byte[capacity];
        }

        public MessageWriter()
            : this(Envelope.MaxMessageLength)
        {
        }

        /// <summary>The buffer that holds the message after <see cref="End"/>; bytes [0, Length).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int Length
        {
            get { return _position; }
        }

        public ProtocolError Error { get; private set; }

        public void Begin(byte type, uint correlationId, uint sequence, byte flags)
        {
            Error = ProtocolError.None;
            _openFieldStart = NoOpenField;
            flags = (byte)(flags & ~Envelope.FlagTraced);
            if (_buffer.Length < Envelope.HeaderLength)
            {
                Error = ProtocolError.BufferTooSmall;
                _position = 0;
                return;
            }

            _buffer[0] = Envelope.CurrentVersion;
            _buffer[1] = type;
            _buffer[2] = flags;
            _buffer[3] = 0;
            BigEndian.WriteUInt32(_buffer, 4, correlationId);
            BigEndian.WriteUInt32(_buffer, 8, sequence);
            _position = Envelope.HeaderLength;
            _payloadStart = _position;
        }

        /// <summary>Adds a trace context; call right after <see cref="Begin"/>, before any field.</summary>
        public void SetTrace(byte[] traceId, byte[] spanId)
        {
            if (Error != ProtocolError.None || _position != Envelope.HeaderLength || traceId == null || spanId == null
                || traceId.Length != Envelope.TraceIdLength || spanId.Length != Envelope.SpanIdLength)
            {
                return;
            }

            if (!Reserve(Envelope.TraceLength))
            {
                return;
            }

            _buffer[2] = (byte)(_buffer[2] | Envelope.FlagTraced);
            System.Array.Copy(traceId, 0, _buffer, _position, Envelope.TraceIdLength);
            System.Array.Copy(spanId, 0, _buffer, _position + Envelope.TraceIdLength, Envelope.SpanIdLength);
            _position += Envelope.TraceLength;
            _payloadStart = _position;
        }

        public void WriteString(byte tag, string value)
        {
            // The in-place path below bypasses the per-write checks, so make them first: no write after an
            // error, none inside an open field.
            if (value == null || !Reserve(FieldHeaderLength))
            {
                return;
            }

            // UTF-8 needs at most 3 bytes per UTF-16 unit; checking that bound first lets the encoder
            // write in place with no temporary array. The length must also fit the field's u16.
            int worstCase = value.Length * 3;
            if (worstCase <= 0xFFFF && _position + FieldHeaderLength + worstCase <= _buffer.Length)
            {
                int written = System.Text.Encoding.UTF8.GetBytes(value, 0, value.Length, _buffer, _position + FieldHeaderLength);
                WriteFieldHeader(tag, written);
                _position += written;
                return;
            }

            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
            WriteBytes(tag, bytes, 0, bytes.Length);
        }

        public void WriteBytes(byte tag, byte[] source, int offset, int count)
        {
            if (!Reserve(FieldHeaderLength + count))
            {
                return;
            }

            WriteFieldHeader(tag, count);
            System.Array.Copy(source, offset, _buffer, _position, count);
            _position += count;
        }

        public void WriteInt32(byte tag, int value)
        {
            if (!Reserve(FieldHeaderLength + 4))
            {
                return;
            }

            WriteFieldHeader(tag, 4);
            BigEndian.WriteUInt32(_buffer, _position, (uint)value);
            _position += 4;
        }

        public void WriteInt64(byte tag, long value)
        {
            if (!Reserve(FieldHeaderLength + 8))
            {
                return;
            }

            WriteFieldHeader(tag, 8);
            BigEndian.WriteInt64(_buffer, _position, value);
            _position += 8;
        }

        public void WriteByte(byte tag, byte value)
        {
            if (!Reserve(FieldHeaderLength + 1))
            {
                return;
            }

            WriteFieldHeader(tag, 1);
            _buffer[_position] = value;
            _position += 1;
        }

        public void WriteBool(byte tag, bool value)
        {
            WriteByte(tag, value ? (byte)1 : (byte)0);
        }

        /// <summary>
        /// Replaces the header flags after <see cref="Begin"/>, for streams that learn only at the end
        /// whether this message is the final one. The traced bit stays as <see cref="SetTrace"/> left it.
        /// </summary>
        public void SetFlags(byte flags)
        {
            if (Error != ProtocolError.None)
            {
                return;
            }

            _buffer[2] = (byte)((_buffer[2] & Envelope.FlagTraced) | (flags & ~Envelope.FlagTraced));
        }

        /// <summary>
        /// Starts a field whose value the caller writes straight into <see cref="Buffer"/> (audio encodes
        /// in place, with no staging copy). Returns the offset of the value, or -1 when
        /// <paramref name="maxLength"/> bytes do not fit. Nothing else may be written until
        /// <see cref="CloseField"/> says how many of those bytes were used.
        /// </summary>
        public int OpenField(byte tag, int maxLength)
        {
            if (_openFieldStart != NoOpenField || maxLength < 0 || maxLength > 0xFFFF)
            {
                Error = ProtocolError.BadFieldLength;
                return -1;
            }

            if (!Reserve(FieldHeaderLength + maxLength))
            {
                return -1;
            }

            _buffer[_position] = tag;
            _openFieldStart = _position;
            _openFieldCapacity = maxLength;
            return _position + FieldHeaderLength;
        }

        /// <summary>Ends the field <see cref="OpenField"/> started, with <paramref name="length"/> value bytes.</summary>
        public void CloseField(int length)
        {
            if (Error != ProtocolError.None)
            {
                return;
            }

            if (_openFieldStart == NoOpenField || length < 0 || length > _openFieldCapacity)
            {
                Error = ProtocolError.BadFieldLength;
                return;
            }

            BigEndian.WriteUInt16(_buffer, _openFieldStart + 1, length);
            _position = _openFieldStart + FieldHeaderLength + length;
            _openFieldStart = NoOpenField;
        }

        /// <summary>Seals the payload length. Returns the message length, or -1 when something did not fit.</summary>
        public int End()
        {
            if (Error == ProtocolError.None && _openFieldStart != NoOpenField)
            {
                // A field left open has no length yet: sealing it would send garbage.
                Error = ProtocolError.BadFieldLength;
            }

            if (Error != ProtocolError.None)
            {
                return -1;
            }

            int payloadLength = _position - _payloadStart;
            if (payloadLength > Envelope.MaxPayloadLength)
            {
                Error = ProtocolError.TooLarge;
                return -1;
            }

            BigEndian.WriteUInt16(_buffer, 12, payloadLength);
            return _position;
        }

        /// <summary>A copy of the finished message, for transports that want an exact-length array.</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_position];
            System.Array.Copy(_buffer, 0, copy, 0, _position);
            return copy;
        }

        private bool Reserve(int count)
        {
            if (Error != ProtocolError.None)
            {
                return false;
            }

            if (_openFieldStart != NoOpenField)
            {
                // Writing past an open field would land inside the bytes it is still filling.
                Error = ProtocolError.BadFieldLength;
                return false;
            }

            if (count > 0xFFFF + FieldHeaderLength || _position + count > _buffer.Length)
            {
                Error = ProtocolError.BufferTooSmall;
                return false;
            }

            return true;
        }

        private void WriteFieldHeader(byte tag, int length)
        {
            _buffer[_position] = tag;
            BigEndian.WriteUInt16(_buffer, _position + 1, length);
            _position += FieldHeaderLength;
        }
    }
}
