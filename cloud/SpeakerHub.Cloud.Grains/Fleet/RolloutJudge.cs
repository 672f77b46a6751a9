using System.Globalization;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Grains.Fleet;

/// <summary>
/// Judges a finished wave: update success and rollbacks against absolute limits, and reconnects,
/// reboots and voice errors per device against the not-yet-updated control sample over the same
/// time. An update costs one reboot and one reconnect by itself; only what comes on top counts.
/// </summary>
public static class RolloutJudge
{
    public static WaveVerdict Judge(
        HealthGates gates,
        RolloutWave wave,
        IReadOnlyList<DeviceUpdateState?> outcomes,
        IReadOnlyDictionary<string, DeviceHealthCounters> now,
        DateTimeOffset judgedAt)
    {
        var count = Math.Max(1, outcomes.Count);
        var installed = outcomes.Count(state => state == DeviceUpdateState.Installed);
        var rolledBack = outcomes.Count(state => state == DeviceUpdateState.RolledBack);
        var failed = outcomes.Count(state => state == DeviceUpdateState.Failed);
        var success = (double)installed / count;
        var rollbacks = (double)rolledBack / count;

        var updated = Deltas(wave.DeviceIds, wave.Baseline, now);
        var control = Deltas(wave.ControlIds, wave.Baseline, now);
        var expectedPerDevice = success;
        var extraReconnects = Math.Max(0, updated.ConnectsPerDevice - expectedPerDevice) - control.ConnectsPerDevice;
        var extraReboots = Math.Max(0, updated.BootsPerDevice - expectedPerDevice) - control.BootsPerDevice;

        var readings = new List<GateReading>
        {
            new("update success", success, 1, gates.MinSuccessRate, success < gates.MinSuccessRate - 1e-9),
            new("rollbacks", rollbacks, 0, gates.MaxRollbackRate, rollbacks > gates.MaxRollbackRate + 1e-9),
            new("extra reconnects per device", updated.ConnectsPerDevice, control.ConnectsPerDevice, gates.MaxExtraReconnectsPerDevice,
                extraReconnects > gates.MaxExtraReconnectsPerDevice + 1e-9),
            new("extra reboots per device", updated.BootsPerDevice, control.BootsPerDevice, gates.MaxExtraRebootsPerDevice,
                extraReboots > gates.MaxExtraRebootsPerDevice + 1e-9),
            new("voice error rate", updated.VoiceErrorRate, control.VoiceErrorRate, gates.MaxVoiceErrorRateIncrease,
                updated.VoiceTurns > 0 && updated.VoiceErrorRate - control.VoiceErrorRate > gates.MaxVoiceErrorRateIncrease + 1e-9),
        };

        var breached = readings.Where(reading => reading.Breached).ToArray();
        var tally = $"{installed} of {outcomes.Count} installed, {failed} failed, {rolledBack} rolled back, {outcomes.Count - installed - failed - rolledBack} unfinished";
        var summary = breached.Length == 0
            ? $"passed: {tally}"
            : string.Join("; ", breached.Select(Describe)) + $" ({tally})";
        return new WaveVerdict(breached.Length == 0, summary, readings, judgedAt);
    }

    private static string Describe(GateReading reading) => reading.Gate switch
    {
        "update success" => $"update success {Percent(reading.Updated)} is below {Percent(reading.Limit)}",
        "rollbacks" => $"rollbacks {Percent(reading.Updated)} exceed {Percent(reading.Limit)}",
        "voice error rate" => $"voice error rate {Percent(reading.Updated)} against {Percent(reading.Control)} on devices not yet updated (allowed +{Percent(reading.Limit)})",
        _ => $"{reading.Gate}: {Number(reading.Updated)} against {Number(reading.Control)} on devices not yet updated (allowed +{Number(reading.Limit)} beyond the update's own restart)",
    };

    private static string Percent(double rate) => rate.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static Cohort Deltas(IReadOnlyList<string> ids, IReadOnlyDictionary<string, DeviceHealthCounters> before, IReadOnlyDictionary<string, DeviceHealthCounters> after)
    {
        long connects = 0, boots = 0, turns = 0, errors = 0;
        var measured = 0;
        foreach (var id in ids)
        {
            if (!before.TryGetValue(id, out var start) || !after.TryGetValue(id, out var end))
            {
                continue;
            }

            measured++;
            connects += Math.Max(0, end.Connects - start.Connects);
            boots += Math.Max(0, end.Boots - start.Boots);
            turns += Math.Max(0, end.VoiceTurns - start.VoiceTurns);
            errors += Math.Max(0, end.VoiceErrors - start.VoiceErrors);
        }

        var devices = Math.Max(1, measured);
        return new Cohort((double)connects / devices, (double)boots / devices, turns, turns == 0 ? 0 : (double)errors / turns);
    }

    private readonly record struct Cohort(double ConnectsPerDevice, double BootsPerDevice, long VoiceTurns, double VoiceErrorRate);
}
