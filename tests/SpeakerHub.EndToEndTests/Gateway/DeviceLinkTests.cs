using SpeakerHub.EndToEndTests.Infrastructure;
using SpeakerHub.Firmware.Host.Mqtt;
using SpeakerHub.Protocol;

namespace SpeakerHub.EndToEndTests.Gateway;

/// <summary>
/// The simulated speaker's MQTT link (the host's transport) against the real gateway: asking it to
/// connect again must always end with a working link, whatever state the client was left in.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DeviceLinkTests(RunningCloud fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CloudNode cloud = fixture.Node;

    [Fact]
    public async Task A_link_told_to_connect_while_it_is_still_connected_reconnects_instead_of_failing()
    {
        var device = await cloud.ProvisionAsync();
        await using var link = new MqttNetTransport(
            new DeviceCredentials(device.Id, device.Key),
            new MqttTransportOptions { Port = cloud.MqttPort });
        int connects = 0;
        var failures = new List<string>();
        link.ConnectFailed += (_, failure) => { lock (failures) { failures.Add(failure.Reason); } };
        link.Connected += (_, _) => Interlocked.Increment(ref connects);

        link.Connect();
        await WaitForAsync(() => Volatile.Read(ref connects) == 1);

        // The device thinks the link died (a keepalive it missed, a late close after a restart) while
        // the client underneath is still connected, and asks again: it must come back connected.
        link.Connect();
        await WaitForAsync(() => Volatile.Read(ref connects) == 2);

        Assert.Empty(failures);
        Assert.True(link.Publish(Topics.Up(device.Id, Topics.Hello), [1], 0, 1, retain: false));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
