using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceTwinTests
{
    [Fact]
    public void Desired_twin_is_applied_persisted_and_reported_with_its_version()
    {
        MemorySettingsStore flash = new();
        DeviceHarness harness = new DeviceHarness(store: flash).BootOnline();

        harness.Deliver(Topics.Twin, DeviceHarness.Desired(4, volume: 2, muted: true, wakeSensitivity: 70));

        Assert.Equal((2, true), (harness.Speaker.Volume, harness.Speaker.Muted));
        TwinPatch reported = harness.LastReportedTwin();
        Assert.Equal((4L, 2, true, 70), (reported.Version, reported.Volume, reported.Muted, reported.WakeSensitivity));
        DeviceHarness rebooted = new DeviceHarness(store: flash).Boot();
        Assert.Equal((4L, 2, true, 70), (rebooted.Device.TwinVersion, rebooted.Device.Volume, rebooted.Device.Muted, rebooted.Device.WakeSensitivity));
    }

    [Fact]
    public void A_partial_desired_twin_changes_only_the_properties_it_carries()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Deliver(Topics.Twin, DeviceHarness.Desired(1, muted: true));

        harness.Deliver(Topics.Twin, DeviceHarness.Desired(2, volume: 7));

        Assert.Equal((7, true), (harness.Speaker.Volume, harness.Speaker.Muted));
    }

    [Fact]
    public void Stale_desired_twin_version_is_ignored()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Deliver(Topics.Twin, DeviceHarness.Desired(5, volume: 8));
        int reports = harness.PublishedOn(Topics.Twin).Count;

        harness.Deliver(Topics.Twin, DeviceHarness.Desired(4, volume: 1));

        Assert.Equal(8, harness.Speaker.Volume);
        Assert.Equal(5, harness.Device.TwinVersion);
        Assert.Equal(1, harness.Device.StaleTwinPatches);
        Assert.Equal(reports, harness.PublishedOn(Topics.Twin).Count);
    }

    [Fact]
    public void A_redelivered_desired_twin_is_reported_again_without_undoing_a_later_local_change()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Deliver(Topics.Twin, DeviceHarness.Desired(3, volume: 6));
        harness.Device.OnButton(ButtonEvent.VolumeUp, harness.Now);

        harness.Deliver(Topics.Twin, DeviceHarness.Desired(3, volume: 6));

        Assert.Equal(7, harness.Speaker.Volume);
        TwinPatch reported = harness.LastReportedTwin();
        Assert.Equal((3L, 7), (reported.Version, reported.Volume));
    }

    [Fact]
    public void Volume_button_works_offline_and_is_reported_after_reconnect()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Deliver(Topics.Twin, DeviceHarness.Desired(2, volume: 5));
        harness.LoseConnection();
        int reportsBefore = harness.PublishedOn(Topics.Twin).Count;

        harness.Device.OnButton(ButtonEvent.VolumeUp, harness.Now);
        harness.Device.OnButton(ButtonEvent.VolumeUp, harness.Now);
        harness.Device.OnButton(ButtonEvent.LongPress, harness.Now);

        Assert.Equal((7, true), (harness.Speaker.Volume, harness.Speaker.Muted));
        Assert.Equal(reportsBefore, harness.PublishedOn(Topics.Twin).Count);

        harness.AdvanceUntilConnectAttempt();
        harness.CompleteConnect();

        TwinPatch reported = harness.LastReportedTwin();
        Assert.Equal((2L, 7, true), (reported.Version, reported.Volume, reported.Muted));
        Assert.Equal(
            [("volume.up", 6), ("volume.up", 7), ("mute", 1)],
            harness.Events().Select(e => (e.Detail, e.Value)));
    }

    [Fact]
    public void A_button_press_while_online_is_reported_at_once_with_the_applied_version()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Deliver(Topics.Twin, DeviceHarness.Desired(9, volume: 10));

        harness.Device.OnButton(ButtonEvent.VolumeUp, harness.Now);
        harness.Device.OnButton(ButtonEvent.VolumeDown, harness.Now);

        Assert.Equal(9, harness.Speaker.Volume);
        Assert.Equal((9L, 9), (harness.LastReportedTwin().Version, harness.LastReportedTwin().Volume));
    }
}
