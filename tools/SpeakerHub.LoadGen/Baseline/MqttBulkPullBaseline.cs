using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SpeakerHub.Cloud.Host.Loopback;

namespace SpeakerHub.LoadGen.Baseline;

/// <summary>How the bare pull went: when the last client had every byte, and each client's own time.</summary>
public sealed record BulkPullResult(int Clients, int Bytes, TimeSpan AllDownloaded, IReadOnlyList<double> PerClientMs, int Unfinished);

/// <summary>
/// The yardstick for a firmware rollout: the same bytes, in the same chunks and window, pulled by the same
/// number of MQTT clients from a bare MQTTnet broker started here on a free loopback port. Each client asks
/// for a window (QoS 1), the broker answers from its publish interception by queueing the chunks on that
/// client's session (as the product's gateway queues downlinks), and the client asks for more when half the
/// window has arrived (as the firmware's updater does). No signatures, hashes, flash, grains or storage:
/// what the product takes beyond this is SpeakerHub.
/// </summary>
public sealed class MqttBulkPullBaseline : IAsyncDisposable
{
    private const string Loopback = "127.0.0.1";
    private const int ConnectBatch = 50;

    /// <summary>Same per-client queue bound as the product's gateway (<c>Mqtt:MaxPendingMessagesPerClient</c>).</summary>
    private const int MaxPendingMessagesPerClient = 250;

    private readonly MqttServer _broker;
    private readonly byte[] _payload;
    private readonly int _chunkBytes;
    private readonly ConcurrentDictionary<string, MqttSessionStatus> _sessions = new(StringComparer.Ordinal);
    private readonly List<BulkPullClient> _clients = [];

    private MqttBulkPullBaseline(MqttServer broker, byte[] payload, int chunkBytes)
    {
        _broker = broker;
        _payload = payload;
        _chunkBytes = chunkBytes;
        _broker.ClientConnectedAsync += OnClientConnectedAsync;
        _broker.InterceptingPublishAsync += OnInterceptingPublishAsync;
    }

    public static async Task<MqttBulkPullBaseline> StartAsync(
        int clients, byte[] payload, int chunkBytes, int windowBytes, CancellationToken cancellationToken)
    {
        int port = LoopbackPorts.Free(1)[0];
        MqttServerOptions options = BaselineMqtt.LoopbackBroker(port)
            .WithMaxPendingMessagesPerClient(MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage)
            .WithPersistentSessions(false)
            .Build();
        MqttBulkPullBaseline baseline = new(new MqttServerFactory().CreateMqttServer(options), payload, chunkBytes);
        try
        {
            await baseline._broker.StartAsync().WaitAsync(cancellationToken);
            for (int first = 0; first < clients; first += ConnectBatch)
            {
                BulkPullClient[] batch = await Task.WhenAll(Enumerable.Range(first, Math.Min(ConnectBatch, clients - first))
                    .Select(lane => BulkPullClient.ConnectAsync(Loopback, port, lane, payload.Length, windowBytes, cancellationToken)));
                baseline._clients.AddRange(batch);
            }

            return baseline;
        }
        catch
        {
            await baseline.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every client starts pulling at once; returns when all have every byte or <paramref name="timeout"/> passed.</summary>
    public async Task<BulkPullResult> RunAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Stopwatch clock = Stopwatch.StartNew();
        foreach (BulkPullClient client in _clients)
        {
            client.Begin(clock);
        }

        Task all = Task.WhenAll(_clients.Select(client => client.Done));
        try
        {
            await all.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }

        TimeSpan elapsed = clock.Elapsed;
        double[] perClient = [.. _clients.Where(client => client.Done.IsCompletedSuccessfully).Select(client => client.Done.Result.TotalMilliseconds)];
        TimeSpan allDone = perClient.Length == _clients.Count && perClient.Length > 0 ? TimeSpan.FromMilliseconds(perClient.Max()) : elapsed;
        return new BulkPullResult(_clients.Count, _payload.Length, allDone, perClient, _clients.Count - perClient.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_clients.Select(client => client.DisposeAsync().AsTask()));
        if (_broker.IsStarted)
        {
            await _broker.StopAsync();
        }

        _broker.Dispose();
    }

    private async Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        try
        {
            _sessions[e.ClientId] = await _broker.GetSessionAsync(e.ClientId);
        }
        catch (InvalidOperationException)
        {
            // Gone again already; its pull will time out and be counted unfinished.
        }
    }

    /// <summary>A window request: answered at once with its chunks, queued on the asking client's session.</summary>
    private Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        e.ProcessPublish = false;
        ReadOnlySequence<byte> body = e.ApplicationMessage.Payload;
        if (body.Length != BulkPullClient.RequestLength || !_sessions.TryGetValue(e.ClientId, out MqttSessionStatus? session))
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            return Task.CompletedTask;
        }

        Span<byte> request = stackalloc byte[BulkPullClient.RequestLength];
        body.CopyTo(request);
        int offset = BinaryPrimitives.ReadInt32BigEndian(request);
        int end = Math.Min(offset + BinaryPrimitives.ReadInt32BigEndian(request[4..]), _payload.Length);
        string topic = BulkPullClient.ChunkTopic(e.ClientId);
        for (int position = offset; position < end; position += _chunkBytes)
        {
            int length = Math.Min(_chunkBytes, end - position);
            byte[] chunk = new byte[BulkPullClient.ChunkHeaderLength + length];
            BinaryPrimitives.WriteInt32BigEndian(chunk, position);
            _payload.AsSpan(position, length).CopyTo(chunk.AsSpan(BulkPullClient.ChunkHeaderLength));
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(chunk)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            if (!session.TryEnqueueApplicationMessage(message, out _))
            {
                break;
            }
        }

        return Task.CompletedTask;
    }
}
