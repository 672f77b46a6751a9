using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// Behaves like a real link: it takes publishes only while connected (the harness says when), and
/// copies each buffer because the device reuses it. Records every operation in order.
/// </summary>
internal sealed class FakeTransport : ITransport
{
    public List<TransportOperation> Operations { get; } = [];

    public bool IsConnected { get; set; }

    public int ConnectAttempts { get; private set; }

    /// <summary>When set, refuses publishes even while connected (a full send queue).</summary>
    public bool RefusePublishes { get; set; }

    public IEnumerable<TransportOperation> Publishes => Operations.Where(o => o.Kind == TransportOperationKind.Publish);

    public void Connect()
    {
        ConnectAttempts++;
        Operations.Add(new TransportOperation(TransportOperationKind.Connect, string.Empty, [], false));
    }

    public void Disconnect()
    {
        IsConnected = false;
        Operations.Add(new TransportOperation(TransportOperationKind.Disconnect, string.Empty, [], false));
    }

    public void Subscribe(string topicFilter)
    {
        Operations.Add(new TransportOperation(TransportOperationKind.Subscribe, topicFilter, [], false));
    }

    public bool Publish(string topic, byte[] buffer, int offset, int count, bool retain)
    {
        if (!IsConnected || RefusePublishes)
        {
            return false;
        }

        Operations.Add(new TransportOperation(TransportOperationKind.Publish, topic, buffer.AsSpan(offset, count).ToArray(), retain));
        return true;
    }
}

internal enum TransportOperationKind
{
    Connect,
    Disconnect,
    Subscribe,
    Publish,
}

internal sealed record TransportOperation(TransportOperationKind Kind, string Topic, byte[] Payload, bool Retain);
