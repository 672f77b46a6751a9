using System.Net;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Server;

namespace SpeakerHub.LoadGen.Baseline;

/// <summary>
/// What every bare-MQTT baseline client shares: the link is configured like a device's (MQTT 5, the
/// device keepalive, clean start) and closed without caring whether the broker went first.
/// </summary>
internal static class BaselineMqtt
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    /// <summary>A broker on loopback only (IPv4), on <paramref name="port"/>; callers add their own limits.</summary>
    public static MqttServerOptionsBuilder LoopbackBroker(int port) => new MqttServerOptionsBuilder()
        .WithDefaultEndpoint()
        .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
        .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
        .WithDefaultEndpointPort(port);

    public static MqttClientOptions ClientOptions(string host, int port, string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer(host, port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(clientId)
        .WithKeepAlivePeriod(KeepAlive)
        .WithCleanStart(true)
        .Build();

    public static async Task DisconnectAsync(IMqttClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync();
            }
        }
        catch (Exception failure) when (failure is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            // The broker went first; there is nothing left to close politely.
        }
        finally
        {
            client.Dispose();
        }
    }
}
