namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// A typed message: header fields plus its own tagged fields. Subclasses say how to write and read
    /// their fields; this class owns the envelope, unknown-tag skipping and error plumbing. An instance
    /// can be reused for every decode, which keeps the device's receive path allocation-light.
    /// </summary>
    public abstract class Message
    {
        private FieldReader _reader;

        public uint CorrelationId;
        public uint Sequence;
        public byte Flags;

        /// <summary>The envelope type this message is written as.</summary>
        public abstract byte Type { get; }

        /// <summary>Writes the whole message into <paramref name="writer"/>; returns its length or -1.</summary>
        public int WriteTo(MessageWriter writer)
        {
            writer.Begin(Type, CorrelationId, Sequence, Flags);
            WriteFields(writer);
            return writer.End();
        }

        /// <summary>A fresh array with the encoded message (cloud side and tests; the device reuses a writer).</summary>
        public byte[] ToBytes()
        {
            MessageWriter writer = new MessageWriter();
            if (WriteTo(writer) < 0)
            {
                return null;
            }

            return writer.ToArray();
        }

        /// <summary>Fills this message from a decoded envelope of the same type.</summary>
        public ProtocolError ReadFrom(Envelope envelope)
        {
            if (envelope.Type != Type)
            {
                return ProtocolError.UnexpectedType;
            }

            CorrelationId = envelope.CorrelationId;
            Sequence = envelope.Sequence;
            Flags = (byte)(envelope.Flags & ~Envelope.FlagTraced);
            Clear();
            if (_reader == null)
            {
                _reader = new FieldReader();
            }

            _reader.Reset(envelope);
            while (_reader.Next())
            {
                ReadField(_reader);
                if (_reader.Error != ProtocolError.None)
                {
                    return _reader.Error;
                }
            }

            if (_reader.Error != ProtocolError.None)
            {
                return _reader.Error;
            }

            return Validate();
        }

        /// <summary>Decodes a whole message from bytes in one step (convenience for hosts and tests).</summary>
        public ProtocolError ReadFrom(byte[] bytes, int offset, int count)
        {
            Envelope envelope = new Envelope();
            ProtocolError error = envelope.Read(bytes, offset, count);
            if (error != ProtocolError.None)
            {
                return error;
            }

            return ReadFrom(envelope);
        }

        protected abstract void WriteFields(MessageWriter writer);

        /// <summary>Reads the field the reader stands on; ignores tags it does not know.</summary>
        protected abstract void ReadField(FieldReader reader);

        /// <summary>Resets every field before a decode, so no value leaks from the previous message.</summary>
        protected abstract void Clear();

        /// <summary>Checks required fields and ranges after all fields were read.</summary>
        protected virtual ProtocolError Validate()
        {
            return ProtocolError.None;
        }
    }
}
