using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Commands;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceStoreAndForwardTests
{
    [Fact]
    public void Offline_queue_keeps_the_newest_messages_counts_drops_and_flushes_in_order_after_reconnect()
    {
        DeviceOptions options = new() { QueueSlots = 4 };
        DeviceHarness harness = new DeviceHarness(options).BootOnline();
        harness.Deliver(Topics.Twin, DeviceHarness.Desired(1, volume: 0));
        harness.LoseConnection();

        for (int i = 0; i < 6; i++)
        {
            harness.Device.OnButton(ButtonEvent.VolumeUp, harness.Now);
        }

        Assert.Equal((4, 2), (harness.Device.QueuedMessages, harness.Device.DroppedMessages));
        harness.AdvanceUntilConnectAttempt();
        harness.CompleteConnect();

        List<DeviceEvent> events = harness.Events();
        Assert.Equal([3, 4, 5, 6], events.Take(4).Select(e => e.Value));
        Assert.Equal((SpeakerHub.Firmware.Core.SpeakerDevice.QueueDroppedEvent, 2), (events[4].Name, events[4].Value));
        Assert.Equal((0, 0), (harness.Device.QueuedMessages, harness.Device.DroppedMessages));
    }

    [Fact]
    public void The_backlog_is_sent_after_the_session_start_messages()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.LoseConnection();
        harness.Device.OnButton(ButtonEvent.VolumeDown, harness.Now);
        harness.AdvanceUntilConnectAttempt();
        int before = harness.Transport.Operations.Count;

        harness.CompleteConnect();

        Assert.Equal(
            ["sh/d/kitchen-1/down/#", "sh/d/kitchen-1/up/status", "sh/d/kitchen-1/up/hello", "sh/d/kitchen-1/up/twin", "sh/d/kitchen-1/up/evt"],
            harness.Transport.Operations.Skip(before).Select(o => o.Topic));
    }

    [Fact]
    public void A_command_result_the_link_refuses_is_kept_and_sent_once_the_link_takes_it()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Transport.RefusePublishes = true;

        harness.Deliver(Topics.Command, DeviceHarness.Command(12, CommandNames.Mute));
        Assert.Empty(harness.Results());
        Assert.Equal(1, harness.Device.QueuedMessages);

        harness.Transport.RefusePublishes = false;
        harness.Advance(DeviceHarness.TickMs);

        Assert.Equal(12u, harness.Results().Single().CorrelationId);
    }

    [Fact]
    public void Messages_produced_while_connecting_wait_for_the_session_to_start()
    {
        DeviceHarness harness = new DeviceHarness().Boot();
        harness.Transport.IsConnected = true;

        // A persistent broker session can deliver queued commands before the device saw the CONNACK.
        harness.Deliver(Topics.Command, DeviceHarness.Command(3, CommandNames.VolumeUp));
        Assert.Empty(harness.Results());

        harness.Device.OnConnected(harness.Now);
        Assert.Equal(3u, harness.Results().Single().CorrelationId);
        Assert.Equal(6, harness.Speaker.Volume);
    }
}
