using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SpeakerHub.LoadGen.Baseline;

/// <summary>
/// One client of <see cref="MqttBulkPullBaseline"/>, built like a simulated speaker's link without the
/// product: received chunks go through a queue to one loop (the device loop), which keeps a window of
/// bytes asked for and hands its requests to a sender that publishes them one at a time at QoS 1 (the
/// device's transport). The bytes are counted and their order checked, not stored.
/// </summary>
public sealed class BulkPullClient : IAsyncDisposable
{
    public const int RequestLength = 8;
    public const int ChunkHeaderLength = 4;

    /// <summary>Same patience as the firmware updater's stall timer: no chunk for this long, ask again.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;
    private readonly string _requestTopic;
    private readonly int _total;
    private readonly int _window;
    private readonly Channel<byte[]> _received = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<TimeSpan> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private Task _sender = Task.CompletedTask;
    private int _written;
    private int _requestedEnd;

    private BulkPullClient(IMqttClient client, int lane, int total, int window)
    {
        _client = client;
        _requestTopic = $"loadgen/bulk/{ClientId(lane)}/want";
        _total = total;
        _window = window;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _received.Writer.TryWrite(args.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    /// <summary>How long this client took to hold every byte, from <see cref="Begin"/>.</summary>
    public Task<TimeSpan> Done => _done.Task;

    public static string ChunkTopic(string clientId) => $"loadgen/bulk/{clientId}/chunk";

    public static async Task<BulkPullClient> ConnectAsync(string host, int port, int lane, int total, int window, CancellationToken cancellationToken)
    {
        IMqttClient mqtt = new MqttClientFactory().CreateMqttClient();
        BulkPullClient client = new(mqtt, lane, total, window);
        try
        {
            await mqtt.ConnectAsync(BaselineMqtt.ClientOptions(host, port, ClientId(lane)), cancellationToken);
            await mqtt.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(ChunkTopic(ClientId(lane)), MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the pull; <paramref name="clock"/> is shared by all clients of the run.</summary>
    public void Begin(Stopwatch clock)
    {
        _loop = Task.Run(() => PullAsync(clock));
        _sender = Task.Run(SendAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _received.Writer.TryComplete();
        _outgoing.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.WhenAll(_loop, _sender).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await BaselineMqtt.DisconnectAsync(_client);
        _stopping.Dispose();
    }

    private static string ClientId(int lane) => $"loadgen-bulk-{lane}";

    private async Task PullAsync(Stopwatch clock)
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            RequestMore();
            while (_written < _total)
            {
                using CancellationTokenSource stall = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                stall.CancelAfter(Stall);
                byte[] chunk;
                try
                {
                    chunk = await _received.Reader.ReadAsync(stall.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // Nothing for a while: ask again from what has arrived, as the updater does.
                    _requestedEnd = _written;
                    RequestMore();
                    continue;
                }

                // A duplicate or a gap after a lost message: the stall timer asks again.
                if (chunk.Length <= ChunkHeaderLength || BinaryPrimitives.ReadInt32BigEndian(chunk) != _written)
                {
                    continue;
                }

                _written += chunk.Length - ChunkHeaderLength;
                RequestMore();
            }

            _done.TrySetResult(clock.Elapsed);
        }
        catch (Exception failure) when (failure is OperationCanceledException or ChannelClosedException)
        {
            _done.TrySetCanceled();
        }
    }

    /// <summary>The updater's rule: keep a window asked for ahead of what has arrived, topping it up once half has come.</summary>
    private void RequestMore()
    {
        if (_requestedEnd - _written > _window / 2)
        {
            return;
        }

        int end = Math.Min(_written + _window, _total);
        int start = Math.Max(_requestedEnd, _written);
        if (start >= end)
        {
            return;
        }

        byte[] request = new byte[RequestLength];
        BinaryPrimitives.WriteInt32BigEndian(request, start);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), end - start);
        if (_outgoing.Writer.TryWrite(request))
        {
            _requestedEnd = end;
        }
    }

    private async Task SendAsync()
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            await foreach (byte[] request in _outgoing.Reader.ReadAllAsync(stopping))
            {
                MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                    .WithTopic(_requestTopic)
                    .WithPayload(request)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                await _client.PublishAsync(message, stopping);
            }
        }
        catch (Exception failure) when (failure is OperationCanceledException or MqttCommunicationException)
        {
            // Stopping, or the broker went; an unfinished pull is counted as such.
        }
    }
}
