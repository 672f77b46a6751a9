using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>
/// Bytes from a device topic → a typed message, refusing anything the topic may not carry
/// (<see cref="TopicRouting"/>), so the grain only ever sees messages it knows how to handle.
/// </summary>
public static class UplinkDecoder
{
    public static ProtocolError TryDecode(string kind, byte[]? payload, out Message? message)
    {
        message = null;
        if (kind == Topics.Status && payload is not null)
        {
            var will = new Status();
            if (StatusText.TryRead(payload, 0, payload.Length, will))
            {
                message = will;
                return ProtocolError.None;
            }
        }

        var envelope = new Envelope();
        var error = envelope.Read(payload);
        if (error != ProtocolError.None)
        {
            return error;
        }

        if (!TopicRouting.IsAllowed(kind, true, envelope.Type))
        {
            return ProtocolError.UnexpectedType;
        }

        Message? typed = envelope.Type switch
        {
            MessageType.Hello => new Hello(),
            MessageType.Status => new Status(),
            MessageType.Telemetry => new Telemetry(),
            MessageType.TwinReported => new TwinPatch(reported: true),
            MessageType.CommandResult => new CommandResult(),
            MessageType.Utterance => new Utterance(),
            MessageType.VoiceChunk => new VoiceChunk(),
            MessageType.Event => new DeviceEvent(),
            _ => null,
        };

        if (typed is null)
        {
            return ProtocolError.UnexpectedType;
        }

        error = typed.ReadFrom(envelope);
        if (error == ProtocolError.None)
        {
            message = typed;
        }

        return error;
    }
}
