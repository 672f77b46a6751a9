using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SpeakerHub.LoadGen.Baseline;

/// <summary>
/// Two plain MQTT clients on one broker: the caller publishes a ping (QoS 1), the echo client receives it
/// and publishes it back as a pong (QoS 1), the caller receives the pong. Configured like a device's link
/// (MQTT 5, QoS 1, same keepalive), so the only difference to the SpeakerHub round trip is the product.
/// </summary>
public sealed class MqttEchoPair : IAsyncDisposable
{
    /// <summary>About the size of an utterance envelope, so both paths move similar bytes.</summary>
    private const int PayloadBytes = 40;

    private readonly IMqttClient _caller;
    private readonly IMqttClient _echo;
    private readonly string _pingTopic;
    private readonly string _pongTopic;

    // The echo client answers from its own task: a QoS 1 publish awaited inside MQTTnet's receive
    // handler would wait for a PUBACK that the blocked receive loop cannot read.
    private readonly Channel<byte[]> _toEcho = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _echoing;
    private TaskCompletionSource? _awaitingPong;
    private int _awaitedSequence;

    private MqttEchoPair(IMqttClient caller, IMqttClient echo, int lane)
    {
        _caller = caller;
        _echo = echo;
        _pingTopic = $"loadgen/echo/{lane}/ping";
        _pongTopic = $"loadgen/echo/{lane}/pong";
        _echo.ApplicationMessageReceivedAsync += args =>
        {
            _toEcho.Writer.TryWrite(args.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        _caller.ApplicationMessageReceivedAsync += args =>
        {
            OnPong(args.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        _echoing = Task.Run(EchoAsync);
    }

    public static async Task<MqttEchoPair> ConnectAsync(string host, int port, int lane, CancellationToken cancellationToken)
    {
        MqttClientFactory factory = new();
        IMqttClient caller = factory.CreateMqttClient();
        IMqttClient echo = factory.CreateMqttClient();
        MqttEchoPair pair = new(caller, echo, lane);
        try
        {
            await caller.ConnectAsync(BaselineMqtt.ClientOptions(host, port, $"loadgen-echo-{lane}-caller"), cancellationToken);
            await echo.ConnectAsync(BaselineMqtt.ClientOptions(host, port, $"loadgen-echo-{lane}-echo"), cancellationToken);
            await echo.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(pair._pingTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
            await caller.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(pair._pongTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>One ping and its pong; the pair runs one at a time, like a device.</summary>
    public async Task RoundTripAsync(int sequence, CancellationToken cancellationToken)
    {
        // Completed asynchronously, as the device runner completes a reply, so the two measurements end alike.
        TaskCompletionSource pong = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _awaitedSequence, sequence);
        Volatile.Write(ref _awaitingPong, pong);

        byte[] payload = new byte[PayloadBytes];
        BinaryPrimitives.WriteInt32BigEndian(payload, sequence);
        MqttClientPublishResult published = await _caller.PublishAsync(Message(_pingTopic, payload), cancellationToken);
        if (!published.IsSuccess)
        {
            throw new InvalidOperationException($"The broker refused the ping: {published.ReasonCode}.");
        }

        await pong.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _toEcho.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _echoing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await BaselineMqtt.DisconnectAsync(_caller);
        await BaselineMqtt.DisconnectAsync(_echo);
        _stopping.Dispose();
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(payload)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private async Task EchoAsync()
    {
        try
        {
            await foreach (byte[] ping in _toEcho.Reader.ReadAllAsync(_stopping.Token))
            {
                await _echo.PublishAsync(Message(_pongTopic, ping), _stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private void OnPong(byte[] payload)
    {
        // A pong for an earlier ping (one that timed out) must not complete the current round trip.
        if (payload.Length >= sizeof(int) && BinaryPrimitives.ReadInt32BigEndian(payload) == Volatile.Read(ref _awaitedSequence))
        {
            Volatile.Read(ref _awaitingPong)?.TrySetResult();
        }
    }
}
