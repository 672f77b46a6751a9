using System.Globalization;
using System.Text;
using SpeakerHub.LoadGen.Baseline;
using SpeakerHub.LoadGen.Measurement;

namespace SpeakerHub.LoadGen.Ota;

/// <summary>
/// The summary after an <c>ota</c> run: one aligned table of figures (plain text, so it pastes into
/// Markdown as a code block), the ratio to the bare MQTT pull, the goal, and what went wrong.
/// MB are 1,000,000 bytes.
/// </summary>
public static class OtaReport
{
    public const string ProductRow = "firmware rollout";
    public const string BaselineRow = "bare MQTT pull (baseline)";

    /// <summary>The issue's goal for 1 MiB to 1,000 speakers on one machine.</summary>
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(60);

    public static async Task WriteAsync(TextWriter output, OtaResult result, bool timeline)
    {
        long totalBytes = (long)result.Devices * result.BundleBytes;
        LatencySummary perDevice = LatencySummary.From(ProductRow, new CategoryResult(result.InstalledAfterMs, 0));
        List<(string Name, string Value)> rows =
        [
            ("speakers", Invariant(result.Devices)),
            ("image / signed bundle", $"{Invariant(result.ImageBytes)} / {Invariant(result.BundleBytes)} bytes"),
            ("chunk / window", $"{Invariant(result.ChunkBytes)} / {Invariant(result.WindowBytes)} bytes"),
            ("healthy after (confirm delay)", $"{Invariant(result.HealthyAfterMs)} ms"),
            ("all downloaded + verified (staged)", Seconds(result.AllStaged)),
            ("100 % installed (confirmed)", Seconds(result.AllInstalled)),
            ("bytes/s to all staged", Rate(totalBytes, result.AllStaged)),
            ("bytes/s to 100 % installed", Rate(totalBytes, result.AllInstalled)),
            ("per speaker installed p50 / p95 / max", result.InstalledAfterMs.Count == 0
                ? "-"
                : $"{Number(perDevice.P50Ms / 1000, "0.0")} / {Number(perDevice.P95Ms / 1000, "0.0")} / {Number(perDevice.MaxMs / 1000, "0.0")} s"),
            ("not installed", $"{Invariant(result.Devices - result.Installed)} ({States(result.States)})"),
            ("rollout", $"{result.RolloutId} {result.RolloutPhase}"),
            ("process peak working set", $"{Number(result.PeakWorkingSetBytes / 1e6, "0")} MB"),
            ("process CPU during the rollout", string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Cpu.TotalSeconds:0.0} s in {result.Watched.TotalSeconds:0.0} s = {result.Cpu.TotalSeconds / result.Watched.TotalSeconds / Environment.ProcessorCount * 100:0}% of {Environment.ProcessorCount} cores")),
        ];
        if (result.Baseline is { } baseline)
        {
            rows.Add((BaselineRow + ": all downloaded", baseline.Unfinished > 0
                ? $"{Invariant(baseline.Unfinished)} of {Invariant(baseline.Clients)} clients unfinished after {Seconds(baseline.AllDownloaded)}"
                : Seconds(baseline.AllDownloaded)));
            rows.Add((BaselineRow + ": bytes/s", Rate((long)baseline.Clients * baseline.Bytes, baseline.Unfinished > 0 ? null : baseline.AllDownloaded)));
        }

        await output.WriteLineAsync();
        await output.WriteAsync(Render(rows));
        if (result.Baseline is { Unfinished: 0 } bare && result.AllStaged is { } staged && bare.AllDownloaded > TimeSpan.Zero)
        {
            string installedRatio = result.AllInstalled is { } installed
                ? string.Create(CultureInfo.InvariantCulture, $"; to 100 % installed {installed / bare.AllDownloaded:0.0}×")
                : string.Empty;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"SpeakerHub all staged = {staged.TotalSeconds:0.0} s = {staged / bare.AllDownloaded:0.0}× the same bytes pulled through a bare MQTT broker " +
                $"({bare.AllDownloaded.TotalSeconds:0.0} s){installedRatio}."));
        }

        if (result.Devices >= 1000 && result.ImageBytes >= 1024 * 1024)
        {
            await output.WriteLineAsync(result.AllInstalled is { } installed && installed <= Goal
                ? $"Goal: 100 % installed within {Goal.TotalSeconds:0} s: met."
                : $"Goal: 100 % installed within {Goal.TotalSeconds:0} s: missed.");
        }

        foreach ((string reason, int times) in result.FailureReasons.OrderByDescending(pair => pair.Value).Take(10))
        {
            await output.WriteLineAsync($"{ProductRow}: {times}× {reason}");
        }

        foreach (string straggler in result.Stragglers.Take(10))
        {
            await output.WriteLineAsync($"{ProductRow}: still not installed when looked at: {straggler}");
        }

        if (result.AllInstalled is null)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{ProductRow}: rollout {result.RolloutId} is {result.RolloutPhase}; {result.Installed} of {result.Devices} speakers installed after {result.Watched.TotalSeconds:0.0} s."));
        }

        if (timeline)
        {
            await WriteTimelineAsync(output, result.Timeline);
        }
    }

    private static async Task WriteTimelineAsync(TextWriter output, IReadOnlyList<RolloutSample> samples)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync("     s   MB in flash   MB/s  downloading  staged  installed  failed   CPU %  pool threads  pool queue");
        long previous = 0;
        double previousSeconds = 0;
        foreach (RolloutSample sample in samples)
        {
            double rate = (sample.BytesInFlash - previous) / 1e6 / Math.Max(sample.Seconds - previousSeconds, 1e-3);
            previous = sample.BytesInFlash;
            previousSeconds = sample.Seconds;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{sample.Seconds,6:0.0}  {sample.BytesInFlash / 1e6,12:0.0}  {rate,5:0.0}  {sample.Downloading,11}  {sample.Staged,6}  {sample.Installed,9}  {sample.Failed,6}  {sample.CpuPercentOfMachine,6:0}  {sample.ThreadPoolThreads,12}  {sample.ThreadPoolQueue,10}"));
        }
    }

    private static string Render(List<(string Name, string Value)> rows)
    {
        int nameWidth = rows.Max(row => row.Name.Length);
        StringBuilder table = new();
        foreach ((string name, string value) in rows)
        {
            table.Append(name.PadRight(nameWidth)).Append("  ").AppendLine(value);
        }

        return table.ToString();
    }

    private static string States(IReadOnlyDictionary<string, int> states)
    {
        string[] others = [.. states.Where(pair => pair.Key != "installed" && pair.Value > 0).Select(pair => $"{pair.Key} {Invariant(pair.Value)}")];
        return others.Length == 0 ? "none pending" : string.Join(", ", others);
    }

    private static string Seconds(TimeSpan? time) =>
        time is { } value ? value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "-";

    private static string Rate(long bytes, TimeSpan? time) =>
        time is { TotalSeconds: > 0 } value
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / value.TotalSeconds / 1e6:0.0} MB/s ({bytes / value.TotalSeconds:N0} bytes/s)")
            : "-";

    private static string Invariant(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
