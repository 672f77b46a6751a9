using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>
/// Bytes from a device topic → a typed message, refusing anything the topic may not carry
/// (<see cref="UplinkCheck"/>, the rule the gateway refuses with), so the grain only ever sees messages it knows how to handle.
/// </summary>
public static class UplinkDecoder
{
    public static ProtocolError TryDecode(string kind, byte[]? payload, out Message? message)
    {
        message = null;
        var envelope = new Envelope();
        var will = new Status();
        var error = UplinkCheck.Check(kind, payload, envelope, will, out var isStatusText);
        if (error != ProtocolError.None)
        {
            return error;
        }

        if (isStatusText)
        {
            message = will;
            return ProtocolError.None;
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
            MessageType.OtaRequest => new OtaRequest(),
            MessageType.OtaStatus => new OtaStatus(),
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
