using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Mqtt;

/// <summary>
/// A transport that reports link events back. Events fire on I/O threads; the runner posts them into
/// the device loop, which is the only place the device is touched.
/// </summary>
public interface IHostTransport : ITransport, IAsyncDisposable
{
    event EventHandler? Connected;

    event EventHandler<LinkFailureEventArgs>? ConnectFailed;

    event EventHandler<LinkFailureEventArgs>? ConnectionLost;

    event EventHandler<DownlinkEventArgs>? MessageReceived;
}

public sealed class LinkFailureEventArgs(string reason) : EventArgs
{
    public string Reason { get; } = reason;
}

public sealed class DownlinkEventArgs(string topic, byte[] payload) : EventArgs
{
    public string Topic { get; } = topic;

    public byte[] Payload { get; } = payload;
}
