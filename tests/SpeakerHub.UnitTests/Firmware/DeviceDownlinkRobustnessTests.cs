using CsCheck;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Commands;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceDownlinkRobustnessTests
{
    [Fact]
    public void Malformed_downlinks_are_counted_and_ignored()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        byte[] command = DeviceHarness.Command(5, CommandNames.Mute).ToBytes()!;
        byte[] truncated = command[..^2];
        byte[] commandWithoutId = DeviceHarness.Command(0, CommandNames.Mute).ToBytes()!;

        harness.DeliverRaw(Topics.Command, [0xDE, 0xAD]);
        harness.DeliverRaw(Topics.Command, truncated);
        harness.DeliverRaw(Topics.Twin, command);
        harness.DeliverRaw(Topics.Command, commandWithoutId);
        harness.DeliverRaw(Topics.Reply, []);

        Assert.Equal(5, harness.Device.MalformedMessages);
        Assert.False(harness.Speaker.Muted);
        Assert.Empty(harness.Results());
        Assert.Equal(DeviceState.Idle, harness.Device.State);

        harness.DeliverRaw(Topics.Command, command);
        Assert.True(harness.Speaker.Muted);
    }

    [Fact]
    public void Downlinks_on_topics_without_a_handler_are_counted_apart_from_malformed_ones()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        byte[] bytes = new Reply { CorrelationId = 1, Text = "card" }.ToBytes()!;

        harness.Device.OnMessage(Topics.Down(DeviceHarness.DeviceId, Topics.Card), bytes, 0, bytes.Length);
        harness.Device.OnMessage(Topics.Down("someone-else", Topics.Reply), bytes, 0, bytes.Length);

        Assert.Equal((2, 0), (harness.Device.UnhandledMessages, harness.Device.MalformedMessages));
        Assert.Empty(harness.Speaker.Said);
    }

    [Fact]
    public void No_byte_sequence_on_any_downlink_topic_throws_or_knocks_the_device_offline()
    {
        string[] kinds = [Topics.Twin, Topics.Command, Topics.Reply, Topics.Media];
        Gen.Select(Gen.Int[0, kinds.Length - 1], Gen.Byte.Array[0, 80]).Sample((kind, bytes) =>
        {
            DeviceHarness harness = new DeviceHarness().BootOnline();
            harness.DeliverRaw(kinds[kind], bytes);
            harness.Device.OnMessage(Topics.Down(DeviceHarness.DeviceId, kinds[kind]), bytes, bytes.Length / 2, bytes.Length / 3);
            Assert.True(harness.Device.IsOnline);
            Assert.Equal(0, harness.Device.PortFaults);
        });
    }

    [Fact]
    public void A_speaker_that_throws_is_counted_and_the_loop_carries_on()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        harness.Speaker.ThrowOnSay = true;

        harness.Deliver(Topics.Reply, new Reply { CorrelationId = DeviceHarness.AnnouncementId, Text = "boom" });

        Assert.Equal(1, harness.Device.PortFaults);
        harness.Deliver(Topics.Command, DeviceHarness.Command(2, CommandNames.VolumeUp));
        Assert.Equal(6, harness.Speaker.Volume);
    }
}
