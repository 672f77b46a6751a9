using System.Buffers;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Gateway;

/// <summary>
/// The payload rules every uplink passes before any grain sees it (<see cref="UplinkCheck"/>, the same
/// rule the device grain decodes with). Anything else is refused with MQTT 5 reason 0x99.
/// </summary>
public static class UplinkValidation
{
    // Reading a header needs an Envelope (two small arrays); one per thread is reused because the check
    // is synchronous and neither object escapes it.
    [ThreadStatic]
    private static Envelope? t_envelope;

    [ThreadStatic]
    private static Status? t_will;

    /// <summary>True when <paramref name="payload"/> is too large to copy before it is even looked at.</summary>
    public static bool IsOversized(in ReadOnlySequence<byte> payload) => payload.Length > Envelope.MaxMessageLength;

    /// <summary><see cref="ProtocolError.None"/> when <paramref name="payload"/> may travel on <c>up/{kind}</c>.</summary>
    public static ProtocolError Check(string kind, byte[] payload) =>
        UplinkCheck.Check(kind, payload, t_envelope ??= new Envelope(), t_will ??= new Status(), out _);
}
