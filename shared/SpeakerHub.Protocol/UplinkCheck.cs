using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Protocol
{
    /// <summary>
    /// Whether bytes may travel on <c>up/{kind}</c>: either the ASCII offline status on <c>up/status</c>
    /// (the last will, <see cref="StatusText"/>) or an envelope whose type the kind carries
    /// (<see cref="TopicRouting"/>). The gateway refuses with it and the device grain decodes with it,
    /// so both apply one rule.
    /// </summary>
    public static class UplinkCheck
    {
        /// <summary>
        /// On success either <paramref name="isStatusText"/> is true and <paramref name="statusText"/> holds
        /// the offline status, or <paramref name="envelope"/> holds the decoded header of an allowed type.
        /// </summary>
        public static ProtocolError Check(string kind, byte[] payload, Envelope envelope, Status statusText, out bool isStatusText)
        {
            isStatusText = false;
            if (payload == null)
            {
                return ProtocolError.Truncated;
            }

            if (payload.Length > Envelope.MaxMessageLength)
            {
                return ProtocolError.TooLarge;
            }

            if (kind == Topics.Status && StatusText.TryRead(payload, 0, payload.Length, statusText))
            {
                isStatusText = true;
                return ProtocolError.None;
            }

            ProtocolError error = envelope.Read(payload);
            if (error != ProtocolError.None)
            {
                return error;
            }

            return TopicRouting.IsAllowed(kind, true, envelope.Type) ? ProtocolError.None : ProtocolError.UnexpectedType;
        }
    }
}
