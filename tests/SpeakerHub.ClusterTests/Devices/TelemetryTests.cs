using SpeakerHub.Cloud.Grains.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class TelemetryTests(DeviceClusterFixture fixture)
{
    [Fact]
    public async Task Only_the_latest_telemetry_reports_are_kept()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        var history = new DeviceOptions().TelemetryHistory;

        for (var uptime = 1; uptime <= history + 3; uptime++)
        {
            await speaker.SendAsync(Topics.Telemetry, new Telemetry { UptimeSeconds = uptime, Rssi = -60 });
        }

        var kept = (await speaker.SnapshotAsync()).RecentTelemetry;
        Assert.Equal(Enumerable.Range(4, history).Select(uptime => (long)uptime), kept.Select(sample => sample.UptimeSeconds));
        Assert.All(kept, sample => Assert.Equal(-60, sample.Rssi));
    }
}
