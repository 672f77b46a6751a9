using SpeakerHub.EndToEndTests.Infrastructure;
using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.EndToEndTests.Gateway;

/// <summary>A bare MQTTnet client speaking as a device: what it receives is kept in order for the test to read.</summary>
public sealed class TestDevice : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<(string Topic, byte[] Payload)> _received = Channel.CreateUnbounded<(string, byte[])>();

    private TestDevice(string id)
    {
        Id = id;
        Client = new MqttClientFactory().CreateMqttClient();
        Client.ApplicationMessageReceivedAsync += e =>
        {
            // Copied: the client may reuse the payload buffer once this handler returns.
            _received.Writer.TryWrite((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
    }

    public string Id { get; }

    public IMqttClient Client { get; }

    public MqttClientConnectResultCode ConnectResult { get; private set; }

    /// <summary>A token valid for an hour, signed with <paramref name="key"/>.</summary>
    public static string Token(string deviceId, byte[] key) =>
        DeviceToken.Create(deviceId, key, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());

    public static async Task<TestDevice> ConnectAsync(int port, string deviceId, string password)
    {
        var device = new TestDevice(deviceId);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, password)
            .WithTimeout(ConnectTimeout)
            .Build();
        var result = await device.Client.ConnectAsync(options);
        device.ConnectResult = result.ResultCode;
        return device;
    }

    public static async Task<TestDevice> ConnectAsync(int port, ProvisionedDevice device)
    {
        var connected = await ConnectAsync(port, device.Id, Token(device.Id, device.Key));
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ConnectResult);
        return connected;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await Client.SubscribeAsync(options);
        return result.Items.Single().ResultCode;
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await Client.PublishAsync(message);
        return result.ReasonCode;
    }

    /// <summary>The next message on <c>down/{kind}</c>, skipping others; throws after <paramref name="timeout"/>.</summary>
    public async Task<byte[]> NextDownlinkAsync(string kind, TimeSpan timeout)
    {
        var topic = Topics.Down(Id, kind);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var (received, payload) = await _received.Reader.ReadAsync(deadline.Token);
            if (received == topic)
            {
                return payload;
            }
        }
    }

    /// <summary>Everything received within <paramref name="window"/>.</summary>
    public async Task<IReadOnlyList<string>> TopicsReceivedWithin(TimeSpan window)
    {
        await Task.Delay(window);
        var topics = new List<string>();
        while (_received.Reader.TryRead(out var message))
        {
            topics.Add(message.Topic);
        }

        return topics;
    }

    public void Dispose() => Client.Dispose();
}
