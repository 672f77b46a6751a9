using MQTTnet;
using SpeakerHub.EndToEndTests.Infrastructure;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.EndToEndTests.Gateway;

/// <summary>
/// The embedded MQTT gateway's promises to devices: only the holder of a device's key gets in, a device
/// reaches only its own topics, a bad payload is refused without harming anyone, and a downlink goes to
/// the one session it is meant for.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayAccessTests(RunningCloud fixture)
{
    private readonly CloudNode cloud = fixture.Node;

    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    // Long enough for a wrongly routed message to arrive on loopback, short enough to keep the suite quick.
    private static readonly TimeSpan SilenceWindow = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_device_presenting_a_token_signed_with_another_devices_key_is_refused_as_bad_credentials()
    {
        var device = await cloud.ProvisionAsync();
        var other = await cloud.ProvisionAsync();

        using var impostor = await TestDevice.ConnectAsync(cloud.MqttPort, device.Id, TestDevice.Token(device.Id, other.Key));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, impostor.ConnectResult);
        Assert.False((await cloud.GetDeviceAsync(device.Id)).Online);
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_not_authorized()
    {
        var device = await cloud.ProvisionAsync();
        var expired = DeviceToken.Create(device.Id, device.Key, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());

        using var stale = await TestDevice.ConnectAsync(cloud.MqttPort, device.Id, expired);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, stale.ConnectResult);
    }

    [Fact]
    public async Task A_device_publishing_to_another_devices_topic_is_refused_and_the_other_device_never_sees_it()
    {
        var attacker = await cloud.ProvisionAsync();
        var victim = await cloud.ProvisionAsync();
        using var connected = await TestDevice.ConnectAsync(cloud.MqttPort, attacker);

        var reason = await connected.PublishAsync(Topics.Up(victim.Id, Topics.Hello), Hello("6.6.6"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, reason);
        Assert.Null((await cloud.GetDeviceAsync(victim.Id)).FirmwareVersion);
        Assert.True(connected.Client.IsConnected);
    }

    [Fact]
    public async Task A_device_subscribing_to_another_devices_downlink_topic_is_refused_and_receives_nothing_of_it()
    {
        var eavesdropper = await cloud.ProvisionAsync();
        var victim = await cloud.ProvisionAsync();
        using var listening = await TestDevice.ConnectAsync(cloud.MqttPort, eavesdropper);
        using var target = await TestDevice.ConnectAsync(cloud.MqttPort, victim);
        await target.SubscribeAsync(Topics.DownFilter(victim.Id));

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await listening.SubscribeAsync(Topics.DownFilter(victim.Id)));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await listening.SubscribeAsync("sh/d/+/down/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await listening.SubscribeAsync("#"));

        await ChangeVolume(victim.Id, 2);
        await target.NextDownlinkAsync(Topics.Twin, DeliveryTimeout);
        Assert.Empty(await listening.TopicsReceivedWithin(SilenceWindow));
    }

    [Fact]
    public async Task A_malformed_payload_is_rejected_as_invalid_while_the_sender_and_other_devices_keep_working()
    {
        var sender = await cloud.ProvisionAsync();
        var bystander = await cloud.ProvisionAsync();
        using var faulty = await TestDevice.ConnectAsync(cloud.MqttPort, sender);
        using var healthy = await TestDevice.ConnectAsync(cloud.MqttPort, bystander);

        var garbage = await faulty.PublishAsync(Topics.Up(sender.Id, Topics.Hello), [0x01, 0x02, 0x03]);
        var wrongType = await faulty.PublishAsync(Topics.Up(sender.Id, Topics.Hello), new Status { Online = true }.ToBytes());

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, garbage);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, wrongType);
        Assert.Contains(cloud.Log.Entries, entry => entry.StartsWith("Error", StringComparison.Ordinal)
            && entry.Contains($"Refused publish of {sender.Id} to {Topics.Up(sender.Id, Topics.Hello)}: Truncated", StringComparison.Ordinal));
        Assert.Contains(cloud.Log.Entries, entry => entry.Contains($"Refused publish of {sender.Id}", StringComparison.Ordinal)
            && entry.Contains("UnexpectedType", StringComparison.Ordinal));
        Assert.Equal(MqttClientPublishReasonCode.Success, await healthy.PublishAsync(Topics.Up(bystander.Id, Topics.Hello), Hello("2.0.0")));
        Assert.Equal(MqttClientPublishReasonCode.Success, await faulty.PublishAsync(Topics.Up(sender.Id, Topics.Hello), Hello("1.0.0")));
        Assert.True(healthy.Client.IsConnected);
        Assert.Equal("2.0.0", (await cloud.GetDeviceAsync(bystander.Id)).FirmwareVersion);
        Assert.Equal("1.0.0", (await cloud.GetDeviceAsync(sender.Id)).FirmwareVersion);
    }

    [Fact]
    public async Task The_last_will_in_its_text_form_is_accepted_on_the_status_topic_only_and_marks_the_device_offline()
    {
        var device = await cloud.ProvisionAsync();
        using var connected = await TestDevice.ConnectAsync(cloud.MqttPort, device);
        byte[] will = System.Text.Encoding.ASCII.GetBytes(StatusText.Format("lost"));

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, await connected.PublishAsync(Topics.Up(device.Id, Topics.Event), will));
        Assert.Equal(MqttClientPublishReasonCode.Success, await connected.PublishAsync(Topics.Up(device.Id, Topics.Status), will));
        Assert.False((await cloud.GetDeviceAsync(device.Id)).Online);
    }

    [Fact]
    public async Task A_twin_change_reaches_only_the_session_of_its_own_device()
    {
        var first = await cloud.ProvisionAsync();
        var second = await cloud.ProvisionAsync();
        using var target = await TestDevice.ConnectAsync(cloud.MqttPort, first);
        using var neighbour = await TestDevice.ConnectAsync(cloud.MqttPort, second);
        await target.SubscribeAsync(Topics.DownFilter(first.Id));
        await neighbour.SubscribeAsync(Topics.DownFilter(second.Id));

        await ChangeVolume(first.Id, 3);

        var delivered = await target.NextDownlinkAsync(Topics.Twin, DeliveryTimeout);
        var patch = new TwinPatch(reported: false);
        Assert.Equal(ProtocolError.None, patch.ReadFrom(delivered, 0, delivered.Length));
        Assert.Equal(3, patch.Volume);
        Assert.Empty(await neighbour.TopicsReceivedWithin(SilenceWindow));
    }

    private static byte[] Hello(string firmwareVersion) =>
        new Hello { FirmwareVersion = firmwareVersion, Model = "gateway-test", BootCount = 1 }.ToBytes();

    private async Task ChangeVolume(string deviceId, int volume)
    {
        using var content = new StringContent($"{{\"volume\":{volume}}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await cloud.Api.PatchAsync($"/api/admin/devices/{deviceId}/twin", content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }
}
