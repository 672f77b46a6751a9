using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class PresenceTests(DeviceClusterFixture fixture)
{
    [Fact]
    public async Task Device_is_online_once_a_gateway_session_connects()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        Assert.False((await speaker.SnapshotAsync()).Online);

        await speaker.ConnectAsync("s1");

        var snapshot = await speaker.SnapshotAsync();
        Assert.True(snapshot.Online);
        Assert.NotNull(snapshot.LastSeen);
    }

    [Fact]
    public async Task Device_is_offline_after_its_current_session_disconnects()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");

        await speaker.Grain.OnDisconnected("s1", "keepalive timeout");

        Assert.False((await speaker.SnapshotAsync()).Online);
    }

    [Fact]
    public async Task Late_disconnect_of_a_replaced_session_leaves_the_device_online()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");
        await speaker.ConnectAsync("s2");

        await speaker.Grain.OnDisconnected("s1", "session taken over");

        Assert.True((await speaker.SnapshotAsync()).Online);
        await speaker.Grain.SetDesired(new TwinChange(Volume: 3));
        Assert.All(speaker.Downlink.Sent, sent => Assert.Equal("s2", sent.SessionId));
    }

    [Fact]
    public async Task Last_will_of_the_current_session_marks_the_device_offline()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");

        await speaker.SendAsync(Topics.Status, new Status { Online = false, Reason = "connection lost" });

        Assert.False((await speaker.SnapshotAsync()).Online);
    }

    [Fact]
    public async Task Last_will_in_its_text_form_marks_the_device_offline()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");

        await speaker.Grain.OnUplink("s1", Topics.Status, System.Text.Encoding.ASCII.GetBytes(StatusText.Format("lost")));

        Assert.False((await speaker.SnapshotAsync()).Online);
    }

    [Fact]
    public async Task Text_that_only_resembles_the_last_will_changes_nothing()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");

        await speaker.Grain.OnUplink("s1", Topics.Status, System.Text.Encoding.ASCII.GetBytes("offline now"));
        await speaker.Grain.OnUplink("s1", Topics.Event, System.Text.Encoding.ASCII.GetBytes("offline:lost"));

        Assert.True((await speaker.SnapshotAsync()).Online);
    }

    [Fact]
    public async Task Last_will_of_a_replaced_session_leaves_the_device_online()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");
        await speaker.ConnectAsync("s2");

        await speaker.Grain.OnUplink("s1", Topics.Status, new Status { Online = false }.ToBytes());

        Assert.True((await speaker.SnapshotAsync()).Online);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Device_whose_gateway_lost_the_session_counts_as_offline_and_keeps_the_command(bool gatewayFails)
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");
        speaker.Downlink.SessionAlive = false;
        speaker.Downlink.Broken = gatewayFails;

        var id = await speaker.Grain.SendCommand(new CommandRequest("stop"));

        var snapshot = await speaker.SnapshotAsync();
        Assert.False(snapshot.Online);
        var pending = Assert.Single(snapshot.PendingCommands);
        Assert.Equal(id, pending.Id);
        Assert.Equal(0, pending.Deliveries);
    }
}
