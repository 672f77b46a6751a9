using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SpeakerHub.Firmware.Core.Connection;

namespace SpeakerHub.Firmware.Host.Mqtt;

/// <summary>
/// <see cref="IHostTransport"/> over an MQTTnet 5 client: MQTT 5, client id = username = device id, a
/// fresh HMAC password per attempt, the shared last will, and a persistent session. Every connect,
/// subscribe, publish and disconnect goes through one queue drained by one task, so they happen in the
/// order the device issued them (subscribe before the first publish of a session, "offline" status
/// before a clean disconnect, a disconnect never overtaking the next connect).
/// </summary>
public sealed class MqttNetTransport : IHostTransport
{
    private readonly DeviceCredentials _credentials;
    private readonly MqttTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly Channel<OutgoingOperation> _outgoing = Channel.CreateUnbounded<OutgoingOperation>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly byte[] _lastWill = LastWill.Payload();
    private readonly Task _sender;
    private int _connecting;
    private int _queuedPublishes;
    private volatile bool _connected;
    private volatile bool _disconnectRequested;

    public MqttNetTransport(DeviceCredentials credentials, MqttTransportOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        _credentials = credentials;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnApplicationMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _sender = Task.Run(SendLoopAsync);
    }

    public event EventHandler? Connected;

    public event EventHandler<LinkFailureEventArgs>? ConnectFailed;

    public event EventHandler<LinkFailureEventArgs>? ConnectionLost;

    public event EventHandler<DownlinkEventArgs>? MessageReceived;

    /// <summary>Publishes lost because the link went down after the device handed them over.</summary>
    public int LostPublishes { get; private set; }

    /// <summary>Publishes the broker answered with an error reason (e.g. refused by the ACL).</summary>
    public int RejectedPublishes { get; private set; }

    public void Connect()
    {
        if (Interlocked.Exchange(ref _connecting, 1) == 0 && !_outgoing.Writer.TryWrite(OutgoingOperation.Connect()))
        {
            Volatile.Write(ref _connecting, 0);
        }
    }

    public void Disconnect()
    {
        _connected = false;
        _outgoing.Writer.TryWrite(OutgoingOperation.Disconnect());
    }

    public void Subscribe(string topicFilter) => _outgoing.Writer.TryWrite(OutgoingOperation.Subscribe(topicFilter));

    public bool Publish(string topic, byte[] buffer, int offset, int count, bool retain)
    {
        if (!_connected || Volatile.Read(ref _queuedPublishes) >= _options.SendQueueCapacity)
        {
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(buffer.AsSpan(offset, count).ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        Interlocked.Increment(ref _queuedPublishes);
        return _outgoing.Writer.TryWrite(OutgoingOperation.Publish(message));
    }

    /// <summary>Sends what is queued (bounded by the drain timeout), then closes the client.</summary>
    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        try
        {
            await _sender.WaitAsync(_options.DrainTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("{DeviceId}: gave up sending queued messages after {Timeout}", _credentials.DeviceId, _options.DrainTimeout);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task ConnectNowAsync()
    {
        _disconnectRequested = false;
        try
        {
            using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_options.ConnectTimeout);
            if (_client.IsConnected)
            {
                // The device gave this link up (a false loss, or a restart racing a late close):
                // MQTTnet refuses to connect a connected client, so close it first.
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }

            MqttClientConnectResult result = await _client.ConnectAsync(BuildOptions(), timeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                RaiseConnectFailed($"refused: {result.ResultCode} {result.ReasonString}");
                return;
            }

            _connected = true;
            Connected?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception exception)
        {
            RaiseConnectFailed(exception.GetBaseException().Message);
        }
        finally
        {
            Volatile.Write(ref _connecting, 0);
        }
    }

    private void RaiseConnectFailed(string reason)
    {
        _logger.LogInformation("{DeviceId}: connect to {Host}:{Port} failed: {Reason}", _credentials.DeviceId, _options.Host, _options.Port, reason);
        ConnectFailed?.Invoke(this, new LinkFailureEventArgs(reason));
    }

    private MqttClientOptions BuildOptions() => new MqttClientOptionsBuilder()
        .WithTcpServer(_options.Host, _options.Port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(_credentials.DeviceId)
        .WithCredentials(_credentials.DeviceId, _credentials.CreatePassword(_time.GetUtcNow(), _options.TokenLifetime))
        .WithKeepAlivePeriod(_options.KeepAlive)
        .WithTimeout(_options.ConnectTimeout)
        .WithCleanStart(false)
        .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
        .WithWillTopic(LastWill.Topic(_credentials.DeviceId))
        .WithWillPayload(_lastWill)
        .WithWillRetain(LastWill.Retain)
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private Task OnApplicationMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        MqttApplicationMessage message = args.ApplicationMessage;
        MessageReceived?.Invoke(this, new DownlinkEventArgs(message.Topic, message.Payload.ToArray()));
        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        // A failed attempt also ends here (ClientWasConnected false); ConnectAsync reports that one.
        // A late close of an earlier connection can arrive after a new one is up (a restart reconnects
        // at once); the link that counts is connected, so it is not a loss.
        if (!args.ClientWasConnected || _client.IsConnected)
        {
            return Task.CompletedTask;
        }

        _connected = false;
        if (!_disconnectRequested)
        {
            string reason = args.Exception?.GetBaseException().Message ?? args.Reason.ToString();
            _logger.LogInformation("{DeviceId}: connection lost: {Reason}", _credentials.DeviceId, reason);
            ConnectionLost?.Invoke(this, new LinkFailureEventArgs(reason));
        }

        return Task.CompletedTask;
    }

    private async Task SendLoopAsync()
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            await foreach (OutgoingOperation operation in _outgoing.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                await SendAsync(operation, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(OutgoingOperation operation, CancellationToken stopping)
    {
        try
        {
            switch (operation.Kind)
            {
                case OutgoingOperationKind.Connect:
                    await ConnectNowAsync().ConfigureAwait(false);
                    break;
                case OutgoingOperationKind.Publish:
                    Interlocked.Decrement(ref _queuedPublishes);
                    await PublishNowAsync(operation.Message!, stopping).ConfigureAwait(false);
                    break;
                case OutgoingOperationKind.Subscribe:
                    MqttClientSubscribeOptions subscribe = new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(filter => filter.WithTopic(operation.Topic).WithAtLeastOnceQoS())
                        .Build();
                    await _client.SubscribeAsync(subscribe, stopping).ConfigureAwait(false);
                    break;
                case OutgoingOperationKind.Disconnect:
                    _disconnectRequested = true;
                    if (_client.IsConnected)
                    {
                        MqttClientDisconnectOptions disconnect = new MqttClientDisconnectOptionsBuilder()
                            .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection)
                            .Build();
                        await _client.DisconnectAsync(disconnect, stopping).ConfigureAwait(false);
                    }

                    break;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The link died under this operation. QoS 1 makes the broker side safe; a lost command
            // result is recovered by the cloud's resend and the device's re-acknowledgement.
            _logger.LogDebug(exception, "{DeviceId}: {Operation} failed", _credentials.DeviceId, operation.Kind);
            if (operation.Kind == OutgoingOperationKind.Publish)
            {
                LostPublishes++;
            }
        }
    }

    private async Task PublishNowAsync(MqttApplicationMessage message, CancellationToken stopping)
    {
        if (!_client.IsConnected)
        {
            LostPublishes++;
            return;
        }

        MqttClientPublishResult result = await _client.PublishAsync(message, stopping).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            RejectedPublishes++;
            _logger.LogWarning("{DeviceId}: broker refused a publish on {Topic}: {Reason}", _credentials.DeviceId, message.Topic, result.ReasonCode);
        }
    }

    private enum OutgoingOperationKind
    {
        Connect,
        Publish,
        Subscribe,
        Disconnect,
    }

    private sealed record OutgoingOperation(OutgoingOperationKind Kind, string Topic, MqttApplicationMessage? Message)
    {
        public static OutgoingOperation Publish(MqttApplicationMessage message) => new(OutgoingOperationKind.Publish, message.Topic, message);

        public static OutgoingOperation Subscribe(string filter) => new(OutgoingOperationKind.Subscribe, filter, null);

        public static OutgoingOperation Connect() => new(OutgoingOperationKind.Connect, string.Empty, null);

        public static OutgoingOperation Disconnect() => new(OutgoingOperationKind.Disconnect, string.Empty, null);
    }
}
