using System.Collections.Concurrent;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.ClusterTests.Devices;

public sealed record SentDownlink(string DeviceId, string SessionId, string Kind, byte[] Payload);

/// <summary>
/// Stands in for a gateway session: a real grain observer (passed to the grain through
/// <c>CreateObjectReference</c>) that records what the device would have received.
/// </summary>
public sealed class RecordingDownlink : IDownlink
{
    private readonly ConcurrentQueue<SentDownlink> sent = new();

    /// <summary>False plays a gateway whose session is already gone.</summary>
    public bool SessionAlive { get; set; } = true;

    /// <summary>True plays a gateway that fails the call, as when the silo holding the session died.</summary>
    public bool Broken { get; set; }

    public IReadOnlyList<SentDownlink> Sent => [.. sent];

    public Task<bool> Send(string deviceId, string sessionId, string kind, byte[] payload)
    {
        if (Broken)
        {
            throw new InvalidOperationException("The gateway holding this session is gone.");
        }

        if (SessionAlive)
        {
            sent.Enqueue(new SentDownlink(deviceId, sessionId, kind, payload));
        }

        return Task.FromResult(SessionAlive);
    }

    public void Clear() => sent.Clear();

    public IReadOnlyList<TwinPatch> DesiredPatches() =>
        Decode(Topics.Twin, () => new TwinPatch(reported: false));

    public IReadOnlyList<Command> Commands() => Decode(Topics.Command, () => new Command());

    public IReadOnlyList<Reply> Replies() => Decode(Topics.Reply, () => new Reply());

    public IReadOnlyList<ReplyAudio> ReplyAudio() => Decode(Topics.Reply, () => new ReplyAudio());

    private List<T> Decode<T>(string kind, Func<T> create)
        where T : Message
    {
        var messages = new List<T>();
        var type = create().Type;

        // down/reply carries two message types: the reply and its audio. Byte 1 of the envelope says which.
        foreach (var downlink in Sent.Where(downlink => downlink.Kind == kind && downlink.Payload.Length > 1 && downlink.Payload[1] == type))
        {
            var message = create();
            var error = message.ReadFrom(downlink.Payload, 0, downlink.Payload.Length);
            if (error != ProtocolError.None)
            {
                throw new InvalidOperationException($"The grain sent an undecodable {kind} downlink: {error}.");
            }

            messages.Add(message);
        }

        return messages;
    }
}
