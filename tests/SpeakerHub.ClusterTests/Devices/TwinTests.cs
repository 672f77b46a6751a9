using SpeakerHub.Cloud.Abstractions.Devices;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class TwinTests(DeviceClusterFixture fixture)
{
    [Fact]
    public async Task Setting_desired_properties_bumps_the_version_and_pushes_the_whole_desired_twin()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");
        var before = (await speaker.SnapshotAsync()).Desired;

        var version = await speaker.Grain.SetDesired(new TwinChange(Volume: 8));

        Assert.Equal(before.Version + 1, version);
        var patch = Assert.Single(speaker.Downlink.DesiredPatches());
        Assert.Equal(version, patch.Version);
        Assert.Equal(8, patch.Volume);
        Assert.Equal(before.Muted, patch.Muted);
        Assert.Equal(before.WakeSensitivity, patch.WakeSensitivity);
        Assert.Equal(new TwinProperties(version, 8, before.Muted, before.WakeSensitivity), (await speaker.SnapshotAsync()).Desired);
    }

    [Fact]
    public async Task Desired_change_made_while_offline_is_stored_without_a_downlink()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);

        var version = await speaker.Grain.SetDesired(new TwinChange(Muted: true));

        Assert.Empty(speaker.Downlink.Sent);
        var desired = (await speaker.SnapshotAsync()).Desired;
        Assert.Equal(version, desired.Version);
        Assert.True(desired.Muted);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(11, null)]
    [InlineData(null, 101)]
    public async Task Out_of_range_desired_values_are_refused_and_change_nothing(int? volume, int? wakeSensitivity)
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        var before = (await speaker.SnapshotAsync()).Desired;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => speaker.Grain.SetDesired(new TwinChange(Volume: volume, WakeSensitivity: wakeSensitivity)));

        Assert.Equal(before, (await speaker.SnapshotAsync()).Desired);
    }

    [Fact]
    public async Task Reported_twin_is_stored_with_the_version_the_device_applied()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ConnectAsync("s1");
        var version = await speaker.Grain.SetDesired(new TwinChange(Volume: 2, Muted: true));

        await speaker.ReportTwinAsync(version, volume: 2, muted: true);

        var reported = (await speaker.SnapshotAsync()).Reported;
        Assert.Equal(version, reported.Version);
        Assert.Equal(2, reported.Volume);
        Assert.True(reported.Muted);
    }

    [Fact]
    public async Task Desired_twin_is_redelivered_after_hello_when_the_reported_version_is_behind()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        var version = await speaker.Grain.SetDesired(new TwinChange(Volume: 9));

        await speaker.ComeOnlineAsync("s1");

        var patch = Assert.Single(speaker.Downlink.DesiredPatches());
        Assert.Equal(version, patch.Version);
        Assert.Equal(9, patch.Volume);
    }

    [Fact]
    public async Task Hello_from_an_up_to_date_device_resends_nothing()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        await speaker.ApplyAsync(Assert.Single(speaker.Downlink.DesiredPatches()));
        speaker.Downlink.Clear();

        await speaker.ComeOnlineAsync("s2", bootCount: 2);

        Assert.Empty(speaker.Downlink.Sent);
        var snapshot = await speaker.SnapshotAsync();
        Assert.Equal(2, snapshot.BootCount);
        Assert.Equal(TestSpeaker.Firmware, snapshot.FirmwareVersion);
    }
}
