namespace SpeakerHub.Protocol
{
    /// <summary>
    /// The decoded header of one message plus a view (buffer, offset, length) of its payload — no copy,
    /// so one preallocated instance can decode every audio frame.
    /// Wire layout v1 (big-endian, docs/protocol.md §Envelope):
    /// <code>
    /// 0 version | 1 type | 2 flags | 3 reserved(0) | 4..7 correlation id | 8..11 sequence | 12..13 payload length
    /// [14..29 trace id | 30..37 span id]  when flags has Traced
    /// payload: fields, each tag(1) length(2) value
    /// </code>
    /// </summary>
    public sealed class Envelope
    {
        public const byte CurrentVersion = 1;
        public const int HeaderLength = 14;
        public const int TraceIdLength = 16;
        public const int SpanIdLength = 8;
        public const int TraceLength = TraceIdLength + SpanIdLength;

        /// <summary>
        /// Largest payload accepted. A voice message (3 ADPCM frames, ~500 B) and a reply audio chunk fit
        /// many times over; anything bigger is a bug or an attack, and is refused before it is buffered.
        /// </summary>
        public const int MaxPayloadLength = 16 * 1024;

        public const int MaxMessageLength = HeaderLength + TraceLength + MaxPayloadLength;

        /// <summary>Carries a W3C trace id and parent span id after the header.</summary>
        public const byte FlagTraced = 0x01;

        /// <summary>Last message of a stream (final voice chunk, last reply audio chunk).</summary>
        public const byte FlagFinal = 0x02;

        public byte Version;
        public byte Type;
        public byte Flags;
        public uint CorrelationId;
        public uint Sequence;

        /// <summary>Valid only when <see cref="FlagTraced"/> is set.</summary>
        public readonly byte[] TraceId = new byte[TraceIdLength];

        /// <summary>Valid only when <see cref="FlagTraced"/> is set.</summary>
        public readonly byte[] SpanId = new byte[SpanIdLength];

        public byte[] Buffer;
        public int PayloadOffset;
        public int PayloadLength;

        public bool IsTraced
        {
            get { return (Flags & FlagTraced) != 0; }
        }

        public bool IsFinal
        {
            get { return (Flags & FlagFinal) != 0; }
        }

        /// <summary>
        /// Reads the header of <paramref name="count"/> bytes at <paramref name="offset"/> and points the
        /// payload view into the same buffer. Exactly one message must fill the range.
        /// </summary>
        public ProtocolError Read(byte[] bytes, int offset, int count)
        {
            Buffer = null;
            PayloadOffset = 0;
            PayloadLength = 0;
            if (bytes == null || offset < 0 || count < 0 || offset > bytes.Length - count)
            {
                return ProtocolError.Truncated;
            }

            if (count < HeaderLength)
            {
                return ProtocolError.Truncated;
            }

            Version = bytes[offset];
            if (Version != CurrentVersion)
            {
                return ProtocolError.UnsupportedVersion;
            }

            Type = bytes[offset + 1];
            if (!MessageType.IsDefined(Type))
            {
                return ProtocolError.UnexpectedType;
            }

            Flags = bytes[offset + 2];
            CorrelationId = BigEndian.ReadUInt32(bytes, offset + 4);
            Sequence = BigEndian.ReadUInt32(bytes, offset + 8);
            int payloadLength = BigEndian.ReadUInt16(bytes, offset + 12);
            if (payloadLength > MaxPayloadLength)
            {
                return ProtocolError.TooLarge;
            }

            int position = offset + HeaderLength;
            int remaining = count - HeaderLength;
            if (IsTraced)
            {
                if (remaining < TraceLength)
                {
                    return ProtocolError.Truncated;
                }

                System.Array.Copy(bytes, position, TraceId, 0, TraceIdLength);
                System.Array.Copy(bytes, position + TraceIdLength, SpanId, 0, SpanIdLength);
                position += TraceLength;
                remaining -= TraceLength;
            }

            if (remaining < payloadLength)
            {
                return ProtocolError.Truncated;
            }

            if (remaining > payloadLength)
            {
                return ProtocolError.TrailingBytes;
            }

            Buffer = bytes;
            PayloadOffset = position;
            PayloadLength = payloadLength;
            return ProtocolError.None;
        }

        public ProtocolError Read(byte[] bytes)
        {
            if (bytes == null)
            {
                return ProtocolError.Truncated;
            }

            return Read(bytes, 0, bytes.Length);
        }
    }
}
