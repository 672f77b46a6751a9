namespace SpeakerHub.Protocol
{
    /// <summary>Why bytes could not be decoded. Decoders return these; they never throw.</summary>
    public enum ProtocolError
    {
        None = 0,

        /// <summary>Fewer bytes than the header or a declared length needs.</summary>
        Truncated = 1,

        /// <summary>Envelope version this code does not speak.</summary>
        UnsupportedVersion = 2,

        /// <summary>Message type not defined, or not the type the caller expected.</summary>
        UnexpectedType = 3,

        /// <summary>Bytes left over after the declared payload.</summary>
        TrailingBytes = 4,

        /// <summary>Payload longer than <see cref="Envelope.MaxPayloadLength"/>.</summary>
        TooLarge = 5,

        /// <summary>A field whose length does not fit its type (e.g. a 3-byte int).</summary>
        BadFieldLength = 6,

        /// <summary>A required field is absent.</summary>
        MissingField = 7,

        /// <summary>A field value outside its allowed range.</summary>
        OutOfRange = 8,

        /// <summary>Text that is not valid UTF-8.</summary>
        BadText = 9,

        /// <summary>A writer ran out of buffer.</summary>
        BufferTooSmall = 10,
    }
}
