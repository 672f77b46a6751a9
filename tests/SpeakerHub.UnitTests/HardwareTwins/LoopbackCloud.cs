using SpeakerHub.Firmware.Host.Mqtt;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using SpeakerHub.UnitTests.Firmware;

namespace SpeakerHub.UnitTests.HardwareTwins;

/// <summary>
/// A link whose far end answers like the cloud's voice path: when typed text or an utterance's final
/// chunk arrives it replies "audio follows" and streams <see cref="ReplyFrames"/> frames of reply audio. Link events
/// are raised from the thread pool, as a real client's I/O threads would.
/// </summary>
internal sealed class LoopbackCloud : IHostTransport
{
    private readonly Lock _gate = new();
    private readonly List<VoiceChunk> _heard = [];

    public event EventHandler? Connected;

    // The loopback never fails; the runner still subscribes to both.
    public event EventHandler<LinkFailureEventArgs>? ConnectFailed
    {
        add { }
        remove { }
    }

    public event EventHandler<LinkFailureEventArgs>? ConnectionLost
    {
        add { }
        remove { }
    }

    public event EventHandler<DownlinkEventArgs>? MessageReceived;

    public int ReplyFrames { get; init; } = 10;

    /// <summary>Whether the reply asks a question (the device then listens for a follow-up).</summary>
    public bool AskBack { get; set; }

    /// <summary>Every voice chunk received, in order.</summary>
    public IReadOnlyList<VoiceChunk> Heard
    {
        get
        {
            lock (_gate)
            {
                return [.. _heard];
            }
        }
    }

    /// <summary>The audio the cloud streamed for <paramref name="interactionId"/>, decoded as a correct player must.</summary>
    public short[] ReplyPcm(uint interactionId) => new ReplyAudioStream(interactionId, ReplyFrames).ExpectedAll();

    public void Connect() => Task.Run(() => Connected?.Invoke(this, EventArgs.Empty));

    public void Disconnect()
    {
    }

    public void Subscribe(string topicFilter)
    {
    }

    public bool Publish(string topic, byte[] buffer, int offset, int count, bool retain)
    {
        if (!topic.EndsWith("/up/" + Topics.Voice, StringComparison.Ordinal))
        {
            return true;
        }

        byte[] bytes = buffer.AsSpan(offset, count).ToArray();
        string replyTopic = topic[..^("up/" + Topics.Voice).Length] + "down/" + Topics.Reply;
        bool askBack = AskBack;
        Utterance typed = new();
        if (bytes[1] == MessageType.Utterance && typed.ReadFrom(bytes, 0, bytes.Length) == ProtocolError.None)
        {
            Task.Run(() => Answer(replyTopic, typed.CorrelationId, askBack));
            return true;
        }

        VoiceChunk chunk = new();
        if (chunk.ReadFrom(bytes, 0, bytes.Length) != ProtocolError.None)
        {
            return true;
        }

        lock (_gate)
        {
            _heard.Add(chunk);
        }

        if (chunk.IsFinal)
        {
            Task.Run(() => Answer(replyTopic, chunk.CorrelationId, askBack));
        }

        return true;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Answer(string topic, uint interactionId, bool askBack)
    {
        ReplyAudioStream voice = new(interactionId, ReplyFrames);
        Send(topic, voice.Reply(askBack ? "Which size?" : "It is noon.", askBack));
        foreach (ReplyAudio chunk in voice.Chunks(ReplyAudio.MaxFrames))
        {
            Send(topic, chunk);
        }
    }

    private void Send(string topic, Message message) =>
        MessageReceived?.Invoke(this, new DownlinkEventArgs(topic, message.ToBytes()!));
}
