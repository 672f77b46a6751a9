using System.Net;
using MQTTnet.Server;
using SpeakerHub.Cloud.Host.Loopback;
using SpeakerHub.LoadGen.Cloud;
using SpeakerHub.LoadGen.Measurement;

namespace SpeakerHub.LoadGen.Baseline;

/// <summary>
/// The yardstick for a round trip: a bare MQTTnet broker started here on a free loopback port, and one
/// <see cref="MqttEchoPair"/> per lane doing the same number of round trips as the product run. Same
/// machine, same process, same MQTT library — what is left over in the product's figure is SpeakerHub.
/// </summary>
public sealed class MqttEchoBaseline : IAsyncDisposable
{
    private const string Loopback = "127.0.0.1";

    private readonly MqttServer _broker;
    private readonly List<MqttEchoPair> _pairs;

    private MqttEchoBaseline(MqttServer broker, List<MqttEchoPair> pairs)
    {
        _broker = broker;
        _pairs = pairs;
    }

    public static async Task<MqttEchoBaseline> StartAsync(int lanes, CancellationToken cancellationToken)
    {
        int port = LoopbackPorts.Free(1)[0];
        MqttServerOptions options = BaselineMqtt.LoopbackBroker(port)
            .Build();
        MqttServer broker = new MqttServerFactory().CreateMqttServer(options);
        List<MqttEchoPair> pairs = [];
        MqttEchoBaseline baseline = new(broker, pairs);
        try
        {
            await broker.StartAsync().WaitAsync(cancellationToken);
            for (int lane = 0; lane < lanes; lane++)
            {
                pairs.Add(await MqttEchoPair.ConnectAsync(Loopback, port, lane, cancellationToken));
            }

            return baseline;
        }
        catch
        {
            await baseline.DisposeAsync();
            throw;
        }
    }

    public RoundTrip RoundTrip => (lane, iteration, cancellationToken) => _pairs[lane].RoundTripAsync(iteration, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_pairs.Select(pair => pair.DisposeAsync().AsTask()));
        if (_broker.IsStarted)
        {
            await _broker.StopAsync();
        }

        _broker.Dispose();
    }
}
