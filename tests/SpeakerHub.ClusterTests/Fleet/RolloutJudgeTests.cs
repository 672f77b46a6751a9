using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Cloud.Grains.Fleet;

namespace SpeakerHub.ClusterTests.Fleet;

public sealed class RolloutJudgeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private static readonly HealthGates Gates = new();

    [Fact]
    public void A_wave_where_every_device_installed_and_behaves_like_the_control_passes()
    {
        var wave = Wave(updated: 4, control: 4);
        var now = Counters(wave, updatedDelta: new DeviceHealthCounters(1, 1, 10, 1), controlDelta: new DeviceHealthCounters(0, 0, 10, 1));

        var verdict = RolloutJudge.Judge(Gates, wave, Outcomes(4, DeviceUpdateState.Installed), now, Now);

        Assert.True(verdict.Passed, verdict.Summary);
        Assert.StartsWith("passed: 4 of 4 installed", verdict.Summary);
    }

    [Fact]
    public void Devices_that_rolled_back_breach_the_success_and_rollback_gates_and_the_summary_says_by_how_much()
    {
        var wave = Wave(updated: 2, control: 2);

        var verdict = RolloutJudge.Judge(Gates, wave, Outcomes(2, DeviceUpdateState.RolledBack), Counters(wave, DeviceHealthCounters.Zero, DeviceHealthCounters.Zero), Now);

        Assert.False(verdict.Passed);
        Assert.Contains("update success 0% is below 95%", verdict.Summary);
        Assert.Contains("rollbacks 100% exceed 5%", verdict.Summary);
    }

    [Fact]
    public void An_update_that_reconnects_far_more_than_the_control_breaches_the_reconnect_gate()
    {
        var wave = Wave(updated: 4, control: 4);
        var now = Counters(wave, updatedDelta: new DeviceHealthCounters(6, 1, 0, 0), controlDelta: new DeviceHealthCounters(1, 0, 0, 0));

        var verdict = RolloutJudge.Judge(Gates, wave, Outcomes(4, DeviceUpdateState.Installed), now, Now);

        Assert.False(verdict.Passed);
        Assert.Contains(verdict.Readings, reading => reading.Gate == "extra reconnects per device" && reading.Breached);
    }

    [Fact]
    public void A_voice_error_rate_well_above_the_controls_breaches_the_voice_gate()
    {
        var wave = Wave(updated: 4, control: 4);
        var now = Counters(wave, updatedDelta: new DeviceHealthCounters(1, 1, 10, 5), controlDelta: new DeviceHealthCounters(0, 0, 10, 1));

        var verdict = RolloutJudge.Judge(Gates, wave, Outcomes(4, DeviceUpdateState.Installed), now, Now);

        Assert.False(verdict.Passed);
        Assert.Contains("voice error rate 50%", verdict.Summary);
    }

    private static RolloutWave Wave(int updated, int control)
    {
        var wave = new RolloutWave
        {
            DeviceIds = Enumerable.Range(0, updated).Select(i => $"u{i}").ToList(),
            ControlIds = Enumerable.Range(0, control).Select(i => $"c{i}").ToList(),
        };
        foreach (var id in wave.DeviceIds.Concat(wave.ControlIds))
        {
            wave.Baseline[id] = new DeviceHealthCounters(10, 10, 10, 1);
        }

        return wave;
    }

    private static Dictionary<string, DeviceHealthCounters> Counters(RolloutWave wave, DeviceHealthCounters updatedDelta, DeviceHealthCounters controlDelta) =>
        wave.DeviceIds.Select(id => (id, updatedDelta))
            .Concat(wave.ControlIds.Select(id => (id, controlDelta)))
            .ToDictionary(
                pair => pair.id,
                pair => new DeviceHealthCounters(
                    wave.Baseline[pair.id].Connects + pair.Item2.Connects,
                    wave.Baseline[pair.id].Boots + pair.Item2.Boots,
                    wave.Baseline[pair.id].VoiceTurns + pair.Item2.VoiceTurns,
                    wave.Baseline[pair.id].VoiceErrors + pair.Item2.VoiceErrors));

    private static DeviceUpdateState?[] Outcomes(int count, DeviceUpdateState state) => Enumerable.Repeat<DeviceUpdateState?>(state, count).ToArray();
}
