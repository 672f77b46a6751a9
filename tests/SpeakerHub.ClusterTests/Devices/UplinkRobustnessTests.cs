using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class UplinkRobustnessTests(DeviceClusterFixture fixture)
{
    public static TheoryData<string, string, byte[]> MalformedUplinks()
    {
        var hello = new Hello { FirmwareVersion = "9.9.9", Model = TestSpeaker.Model, BootCount = 99 }.ToBytes();
        var reported = new TwinPatch(reported: true) { Version = 99 };
        reported.SetVolume(10);
        var tooLoud = reported.ToBytes();
        tooLoud[^1] = 42; // the volume field's last byte: 10 becomes 42, outside 0..10

        var wrongVersion = (byte[])hello.Clone();
        wrongVersion[0] = 7;

        return new TheoryData<string, string, byte[]>
        {
            { "empty", Topics.Hello, [] },
            { "noise", Topics.Hello, [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01] },
            { "truncated", Topics.Hello, hello[..^3] },
            { "trailing bytes", Topics.Hello, [.. hello, 0] },
            { "unknown envelope version", Topics.Hello, wrongVersion },
            { "hello on the twin topic", Topics.Twin, hello },
            { "unknown topic kind", "firmware", hello },
            { "downlink-only kind", Topics.Command, hello },
            { "out-of-range twin value", Topics.Twin, tooLoud },
            { "result without command id", Topics.Result, new CommandResult().ToBytes() },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedUplinks))]
    public async Task Malformed_uplink_neither_throws_nor_changes_the_device(string why, string kind, byte[] payload)
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        await speaker.Grain.SendCommand(new CommandRequest("stop"));
        var before = await speaker.SnapshotAsync();
        speaker.Downlink.Clear();

        await speaker.Grain.OnUplink("s1", kind, payload);

        var after = await speaker.SnapshotAsync();
        Assert.True(AreSame(before, after), $"{why} changed the device");
        Assert.Empty(speaker.Downlink.Sent);
    }

    [Fact]
    public async Task Uplink_for_a_device_that_was_never_provisioned_is_dropped()
    {
        var grain = fixture.Client.GetDevice(TestSpeaker.NewDeviceId());

        await grain.OnUplink("s1", Topics.Hello, new Hello { FirmwareVersion = "1.0.0", Model = "x" }.ToBytes());

        Assert.Null(await grain.GetSnapshot());
    }

    private static bool AreSame(DeviceSnapshot before, DeviceSnapshot after) =>
        before with { PendingCommands = [], RecentTelemetry = [] } == after with { PendingCommands = [], RecentTelemetry = [] }
        && before.PendingCommands.SequenceEqual(after.PendingCommands)
        && before.RecentTelemetry.SequenceEqual(after.RecentTelemetry);
}
