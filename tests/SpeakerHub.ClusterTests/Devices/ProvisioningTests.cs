using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol.Security;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class ProvisioningTests(DeviceClusterFixture fixture)
{
    [Fact]
    public async Task Provisioning_returns_a_fresh_random_key_the_device_grain_keeps()
    {
        var first = await fixture.Client.GetDevice(TestSpeaker.NewDeviceId()).Provision("sh-mini");
        var second = await fixture.Client.GetDevice(TestSpeaker.NewDeviceId()).Provision("sh-mini");

        var key = Hex.Decode(first.KeyHex);
        Assert.Equal(DeviceToken.KeyLength, key.Length);
        Assert.NotEqual(first.KeyHex, second.KeyHex);
        Assert.Equal(key, await fixture.Client.GetDevice(first.DeviceId).GetKey());
    }

    [Fact]
    public async Task Provisioning_the_same_device_twice_fails_and_keeps_the_first_key()
    {
        var grain = fixture.Client.GetDevice(TestSpeaker.NewDeviceId());
        var provisioned = await grain.Provision("sh-mini");

        await Assert.ThrowsAsync<DeviceAlreadyExistsException>(() => grain.Provision("sh-max"));

        Assert.Equal(Hex.Decode(provisioned.KeyHex), await grain.GetKey());
        Assert.Equal("sh-mini", (await grain.GetSnapshot())?.Model);
    }

    [Fact]
    public async Task Device_id_that_cannot_be_an_mqtt_topic_level_is_refused()
    {
        var grain = fixture.Client.GetDevice("kitchen/+");

        await Assert.ThrowsAsync<ArgumentException>(() => grain.Provision("sh-mini"));

        Assert.Null(await grain.GetKey());
    }

    [Fact]
    public async Task Device_that_was_never_provisioned_has_no_key_no_snapshot_and_takes_no_commands()
    {
        var grain = fixture.Client.GetDevice(TestSpeaker.NewDeviceId());

        Assert.Null(await grain.GetKey());
        Assert.Null(await grain.GetSnapshot());
        await Assert.ThrowsAsync<DeviceNotFoundException>(() => grain.SendCommand(new CommandRequest("stop")));
        await Assert.ThrowsAsync<DeviceNotFoundException>(() => grain.SetDesired(new TwinChange(Volume: 1)));
    }

    [Fact]
    public async Task Provisioned_devices_are_listed_once_in_the_directory()
    {
        var directory = fixture.Client.GetDeviceDirectory();
        var countBefore = await directory.Count();
        var speaker = await TestSpeaker.ProvisionAsync(fixture);

        await directory.Add(speaker.DeviceId);

        Assert.Equal(countBefore + 1, await directory.Count());
        Assert.Equal([speaker.DeviceId], await directory.List(countBefore, 10));
        Assert.Contains(speaker.DeviceId, await directory.List(0, countBefore + 1));
    }
}
