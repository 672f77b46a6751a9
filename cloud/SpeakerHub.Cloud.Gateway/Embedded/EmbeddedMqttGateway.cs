using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;

namespace SpeakerHub.Cloud.Gateway.Embedded;

/// <summary>
/// The embedded gateway: an MQTTnet broker inside this silo. It authenticates devices on connect, keeps
/// each device to its own topics, checks every uplink's envelope, hands uplinks to the device grain and
/// is this silo's <see cref="IDownlink"/>, enqueuing downlinks on the one session they are meant for.
/// </summary>
/// <remarks>
/// Uplinks are awaited inside MQTTnet's publish interception. That runs on the publishing connection's
/// own receive loop, so a slow grain delays only that device, its messages stay in order, and a QoS 1
/// PUBACK goes out only once the device grain has the message. Other devices are unaffected.
/// </remarks>
public sealed partial class EmbeddedMqttGateway : IMqttGateway, IDownlink, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DeviceConnection> _devices = new(StringComparer.Ordinal);
    private readonly MqttOptions _options;
    private readonly IGrainFactory _grains;
    private readonly DeviceAuthenticator _authenticator;
    private readonly SessionIdGenerator _sessionIds;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<EmbeddedMqttGateway> _logger;
    private readonly MqttServer _server;
    private IDownlink? _downlink;
    private int _pendingDisconnects;
    private volatile bool _stopping;

    public EmbeddedMqttGateway(
        IOptions<MqttOptions> options,
        IGrainFactory grains,
        DeviceAuthenticator authenticator,
        SessionIdGenerator sessionIds,
        GatewayMetrics metrics,
        ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _grains = grains;
        _authenticator = authenticator;
        _sessionIds = sessionIds;
        _metrics = metrics;
        _logger = loggerFactory.CreateLogger<EmbeddedMqttGateway>();
        _server = new MqttServerFactory().CreateMqttServer(CreateServerOptions(_options), new MqttNetLogBridge(loggerFactory));
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.ClientConnectedAsync += OnClientConnectedAsync;
        _server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        _server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        metrics.ObserveConnectedDevices(() => _devices.Count);
    }

    public string Endpoint => $"mqtt://{_options.Host}:{_options.Port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One reference for the life of the process: Orleans holds observers weakly, and every device
        // grain connected through this silo calls back through it.
        _downlink = _grains.CreateObjectReference<IDownlink>(this);
        await _server.StartAsync().WaitAsync(cancellationToken);
        _logger.LogInformation("MQTT gateway (embedded) listening on {Endpoint}", Endpoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_server.IsStarted)
        {
            return;
        }

        _stopping = true;
        var disconnect = new MqttServerClientDisconnectOptions
        {
            ReasonCode = MqttDisconnectReasonCode.ServerShuttingDown,
            ReasonString = "gateway stopping",
        };
        await _server.StopAsync(new MqttServerStopOptions { DefaultClientDisconnectOptions = disconnect });
        await WaitForDisconnectNoticesAsync(cancellationToken);
        if (_downlink is not null)
        {
            _grains.DeleteObjectReference<IDownlink>(_downlink);
            _downlink = null;
        }

        _logger.LogInformation("MQTT gateway (embedded) stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _server.Dispose();
    }

    private static MqttServerOptions CreateServerOptions(MqttOptions options)
    {
        var address = options.BindAddress
            ?? throw new InvalidOperationException($"Mqtt:Host '{options.Host}' is not an IP address or 'localhost'.");
        var isIPv6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        return new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(isIPv6 ? System.Net.IPAddress.None : address)
            .WithDefaultEndpointBoundIPV6Address(isIPv6 ? address : System.Net.IPAddress.None)
            .WithDefaultEndpointPort(options.Port)
            .WithDefaultCommunicationTimeout(options.CommunicationTimeout)
            .WithMaxPendingMessagesPerClient(options.MaxPendingMessagesPerClient)
            // A full queue refuses the new downlink (Send returns false) instead of silently evicting an
            // older one the grain believes was sent.
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage)
            // Sessions end with their connection: the device grain, not the broker, keeps what must survive.
            .WithPersistentSessions(false)
            .Build();
    }

    private async Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        e.ReasonCode = await _authenticator.AuthenticateAsync(e.ClientId, e.UserName, e.Password, e.RemoteEndPoint, e.CancellationToken);
        if (e.ReasonCode != MqttConnectReasonCode.Success)
        {
            _metrics.Rejected(GatewayMetrics.RefusedConnect);
        }
    }

    private async Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        MqttSessionStatus session;
        try
        {
            session = await _server.GetSessionAsync(e.ClientId);
        }
        catch (InvalidOperationException)
        {
            // Gone again before this callback ran; there is nothing to register or to tell the grain.
            return;
        }

        var connection = new DeviceConnection(e.ClientId, _sessionIds.Next(), e.RemoteEndPoint, session);
        e.SessionItems[DeviceConnection.ItemKey] = connection;
        // Registered before the grain hears of it, so downlinks the grain sends while connecting find the session.
        _devices[connection.DeviceId] = connection;
        try
        {
            await _grains.GetDevice(connection.DeviceId).OnConnected(connection.SessionId, _downlink!);
            _logger.LogInformation(
                "Device {DeviceId} connected from {Remote} (session {SessionId})", connection.DeviceId, e.RemoteEndPoint, connection.SessionId);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Device {DeviceId} connected but its grain was not told; disconnecting it so it retries", connection.DeviceId);
            _ = Task.Run(() => DisconnectAsync(connection.DeviceId, MqttDisconnectReasonCode.ServerBusy));
        }
    }

    private async Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // No connection object: the connect was refused or never registered. Another end point: a newer
        // connection of the same device took these session items over and must stay registered.
        if (e.SessionItems[DeviceConnection.ItemKey] is not DeviceConnection connection || !connection.IsSameConnection(e.RemoteEndPoint))
        {
            return;
        }

        Interlocked.Increment(ref _pendingDisconnects);
        try
        {
            _devices.TryRemove(KeyValuePair.Create(connection.DeviceId, connection));
            var reason = DescribeDisconnect(e);
            _logger.LogInformation("Device {DeviceId} disconnected: {Reason} (session {SessionId})", connection.DeviceId, reason, connection.SessionId);
            await _grains.GetDevice(connection.DeviceId).OnDisconnected(connection.SessionId, reason);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Device {DeviceId} disconnected but its grain was not told", connection.DeviceId);
        }
        finally
        {
            Interlocked.Decrement(ref _pendingDisconnects);
        }
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        if (!TopicAcl.IsOwnDownlinkFilter(e.ClientId, filter))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            _metrics.Rejected(GatewayMetrics.RefusedSubscription);
            _logger.LogWarning("Refused subscription of {DeviceId} to {Filter}: outside its own down/ topics", e.ClientId, filter);
        }

        return Task.CompletedTask;
    }

    private string DescribeDisconnect(ClientDisconnectedEventArgs e) =>
        _stopping ? "gateway stopped"
        : e.DisconnectType switch
        {
            MqttClientDisconnectType.Clean => "clean disconnect",
            MqttClientDisconnectType.Takeover => "taken over by a new connection",
            _ => "connection lost",
        };

    private async Task DisconnectAsync(string deviceId, MqttDisconnectReasonCode reason)
    {
        try
        {
            await _server.DisconnectClientAsync(deviceId, new MqttServerClientDisconnectOptions { ReasonCode = reason });
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Could not disconnect device {DeviceId}", deviceId);
        }
    }

    /// <summary>
    /// MQTTnet closes connections without waiting for their disconnect callbacks. Waiting here lets each
    /// device grain hear "offline" while the silo is still up, bounded by the communication timeout.
    /// </summary>
    private async Task WaitForDisconnectNoticesAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.CommunicationTimeout);
        var poll = TimeSpan.FromMilliseconds(20);
        try
        {
            while (!_devices.IsEmpty || Volatile.Read(ref _pendingDisconnects) > 0)
            {
                await Task.Delay(poll, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Stopped waiting for {Count} device grains to hear of their disconnect", _devices.Count);
        }
    }
}
