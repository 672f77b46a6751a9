using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Connection;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceConnectionTests
{
    [Fact]
    public void Connecting_subscribes_then_publishes_status_hello_and_reported_twin_in_that_order()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        List<TransportOperation> afterConnect = [.. harness.Transport.Operations.SkipWhile(o => o.Kind == TransportOperationKind.Connect)];
        Assert.Equal(
            [
                (TransportOperationKind.Subscribe, "sh/d/kitchen-1/down/#"),
                (TransportOperationKind.Publish, "sh/d/kitchen-1/up/status"),
                (TransportOperationKind.Publish, "sh/d/kitchen-1/up/hello"),
                (TransportOperationKind.Publish, "sh/d/kitchen-1/up/twin"),
            ],
            afterConnect.Select(o => (o.Kind, o.Topic)));

        Status status = DeviceHarness.Decode(afterConnect[1], new Status());
        Assert.True(status.Online);
        Assert.True(afterConnect[1].Retain);
        Hello hello = DeviceHarness.Decode(afterConnect[2], new Hello());
        Assert.Equal(("1.2.3", "test-speaker", 1), (hello.FirmwareVersion, hello.Model, hello.BootCount));
        Assert.False(afterConnect[2].Retain);
        TwinPatch twin = DeviceHarness.Decode(afterConnect[3], new TwinPatch(reported: true));
        Assert.Equal((0L, 5, false), (twin.Version, twin.Volume, twin.Muted));
        Assert.Equal(DeviceState.Idle, harness.Device.State);
    }

    [Fact]
    public void The_last_will_is_a_retained_offline_status_on_the_topic_the_device_marks_online()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        TransportOperation online = harness.PublishedOn(Topics.Status).Single();

        Status will = new();
        byte[] payload = LastWill.Payload();
        Assert.True(StatusText.TryRead(payload, 0, payload.Length, will));
        Assert.Equal(LastWill.Text(), System.Text.Encoding.UTF8.GetString(payload));

        Assert.Equal(online.Topic, LastWill.Topic(DeviceHarness.DeviceId));
        Assert.True(LastWill.Retain);
        Assert.False(will.Online);
        Assert.Equal(LastWill.LostReason, will.Reason);
    }

    [Fact]
    public void Booting_counts_the_boot_and_restores_volume_and_mute_from_flash()
    {
        MemorySettingsStore flash = new();
        DeviceHarness first = new DeviceHarness(store: flash).BootOnline();
        first.Deliver(Topics.Twin, DeviceHarness.Desired(3, volume: 8, muted: true));

        DeviceHarness rebooted = new DeviceHarness(store: flash).Boot();

        Assert.Equal(2, rebooted.Device.BootCount);
        Assert.Equal((8, true), (rebooted.Speaker.Volume, rebooted.Speaker.Muted));
        Assert.Equal(3, rebooted.Device.TwinVersion);
    }

    [Fact]
    public void Backoff_grows_with_jitter_and_resets_after_a_stable_connection()
    {
        DeviceOptions options = new();
        DeviceHarness harness = new DeviceHarness(options, ScriptedRandom.Highest).Boot();

        List<long> delays = [];
        for (int i = 0; i < 8; i++)
        {
            harness.Device.OnConnectFailed(harness.Now);
            Assert.Equal(DeviceState.Offline, harness.Device.State);
            delays.Add(harness.AdvanceUntilConnectAttempt());
        }

        // Jitter pinned to its top: the ceiling doubles from 1 s and stops at 60 s (to tick resolution).
        long[] expected = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000];
        Assert.All(delays.Zip(expected), pair => Assert.InRange(pair.First, pair.Second, pair.Second + DeviceHarness.TickMs));

        harness.CompleteConnect();
        harness.Advance(options.StableConnectionMs);
        harness.LoseConnection();
        Assert.InRange(harness.AdvanceUntilConnectAttempt(), 1_000, 1_000 + DeviceHarness.TickMs);
    }

    [Fact]
    public void A_connection_that_drops_at_once_keeps_the_backoff_growing()
    {
        DeviceHarness harness = new DeviceHarness(random: ScriptedRandom.Highest).Boot();
        harness.Device.OnConnectFailed(harness.Now);
        harness.AdvanceUntilConnectAttempt();
        harness.Device.OnConnectFailed(harness.Now);
        harness.AdvanceUntilConnectAttempt();

        harness.CompleteConnect();
        harness.Advance(1_000);
        harness.LoseConnection();

        Assert.InRange(harness.AdvanceUntilConnectAttempt(), 4_000, 4_000 + DeviceHarness.TickMs);
        Assert.Equal(1, harness.Device.Reconnects);
    }

    [Fact]
    public void A_connect_attempt_the_transport_never_answers_is_abandoned_and_retried()
    {
        DeviceOptions options = new() { ConnectTimeoutMs = 10_000 };
        DeviceHarness harness = new DeviceHarness(options, ScriptedRandom.Highest).Boot();

        harness.Advance(options.ConnectTimeoutMs);

        Assert.Equal(DeviceState.Offline, harness.Device.State);
        Assert.Equal(TransportOperationKind.Disconnect, harness.Transport.Operations[^1].Kind);
        harness.AdvanceUntilConnectAttempt();
        harness.CompleteConnect();
        Assert.True(harness.Device.IsOnline);
    }

    [Fact]
    public void Without_wifi_the_device_waits_for_it_instead_of_retrying()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Transport.IsConnected = false;
        harness.Device.OnWifiDown(harness.Now);
        int attempts = harness.Transport.ConnectAttempts;

        harness.Advance(5 * 60 * 1000);
        Assert.Equal(DeviceState.ConnectingWifi, harness.Device.State);
        Assert.Equal(attempts, harness.Transport.ConnectAttempts);

        harness.Device.OnWifiUp();
        Assert.Equal(DeviceState.ConnectingMqtt, harness.Device.State);
        Assert.Equal(attempts + 1, harness.Transport.ConnectAttempts);
    }

    [Fact]
    public void Telemetry_is_published_every_interval_while_connected_and_not_while_offline()
    {
        DeviceOptions options = new() { TelemetryIntervalMs = 10_000 };
        DeviceHarness harness = new DeviceHarness(options).BootOnline();
        harness.Device.ReportHealth(123_456, -61);

        harness.Advance(30_000);
        List<TransportOperation> telemetry = harness.PublishedOn(Topics.Telemetry);
        Assert.Equal(3, telemetry.Count);
        Telemetry last = DeviceHarness.Decode(telemetry[^1], new Telemetry());
        Assert.Equal((30L, 123_456, -61), (last.UptimeSeconds, last.FreeMemory, last.Rssi));

        harness.LoseConnection();
        harness.Advance(9_000);
        Assert.Equal(3, harness.PublishedOn(Topics.Telemetry).Count);
    }

    [Fact]
    public void Shutdown_says_offline_itself_then_disconnects_cleanly()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Device.Shutdown();

        TransportOperation last = harness.Transport.Operations[^2];
        Status status = DeviceHarness.Decode(last, new Status());
        Assert.Equal((false, LastWill.ShutdownReason, true), (status.Online, status.Reason, last.Retain));
        Assert.Equal(TransportOperationKind.Disconnect, harness.Transport.Operations[^1].Kind);
        Assert.Equal(DeviceState.Offline, harness.Device.State);
    }
}
