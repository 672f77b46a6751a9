using System.Buffers;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Gateway;

/// <summary>
/// The payload rules every uplink passes before any grain sees it: at most one envelope's worth of
/// bytes, a well-formed envelope, and a message type the topic kind may carry (<see cref="TopicRouting"/>).
/// Anything else is refused with MQTT 5 reason 0x99 (payload format invalid).
/// </summary>
public static class UplinkValidation
{
    // Reading a header needs an Envelope (two small arrays); one per thread is reused because the read
    // below is synchronous and the envelope never escapes it.
    [ThreadStatic]
    private static Envelope? t_envelope;

    [ThreadStatic]
    private static Status? t_will;

    /// <summary>True when <paramref name="payload"/> is too large to copy before it is even looked at.</summary>
    public static bool IsOversized(in ReadOnlySequence<byte> payload) => payload.Length > Envelope.MaxMessageLength;

    /// <summary><see cref="ProtocolError.None"/> when <paramref name="payload"/> may travel on <c>up/{kind}</c>.</summary>
    public static ProtocolError Check(string kind, byte[] payload)
    {
        if (payload.Length > Envelope.MaxMessageLength)
        {
            return ProtocolError.TooLarge;
        }

        // The last will travels as text (StatusText) because some device MQTT clients take it as a string.
        if (kind == Topics.Status && StatusText.TryRead(payload, 0, payload.Length, t_will ??= new Status()))
        {
            return ProtocolError.None;
        }

        var envelope = t_envelope ??= new Envelope();
        var error = envelope.Read(payload);
        if (error != ProtocolError.None)
        {
            return error;
        }

        return TopicRouting.IsAllowed(kind, true, envelope.Type) ? ProtocolError.None : ProtocolError.UnexpectedType;
    }
}
