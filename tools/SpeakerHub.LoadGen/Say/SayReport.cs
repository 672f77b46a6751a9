using System.Globalization;
using SpeakerHub.LoadGen.Measurement;
using SpeakerHub.LoadGen.Terminal;

namespace SpeakerHub.LoadGen.Say;

/// <summary>The summary after a <c>say</c> run: the table, the ratio to the baseline, and what went wrong.</summary>
public static class SayReport
{
    /// <summary>Enough distinct failure reasons to diagnose a run without flooding the terminal.</summary>
    private const int ShownFailureReasons = 10;

    public static async Task WriteAsync(
        TextWriter output, IReadOnlyList<string> texts, LoadResult product, LoadResult? baseline, CancellationToken cancellationToken)
    {
        LatencySummary productSummary = LatencySummary.From(SayBenchmark.ProductRow, product);
        LatencySummary? baselineSummary = baseline is null ? null : LatencySummary.From(SayBenchmark.BaselineRow, baseline);
        List<LatencySummary> rows = [productSummary];

        // Skills differ in cost (a volume change is stored twice, the time is not), so each text gets its own row.
        if (texts.Count > 1)
        {
            rows.AddRange(texts.Distinct(StringComparer.Ordinal)
                .Where(product.Categories.ContainsKey)
                .Select(text => LatencySummary.From($"  \"{text}\"", product.Categories[text])));
        }

        if (baselineSummary is not null)
        {
            rows.Add(baselineSummary);
        }

        await output.WriteLineAsync();
        await output.WriteAsync(SummaryTable.Render(rows));
        if (baselineSummary is not null && baselineSummary.P50Ms > 0 && productSummary.Count > 0)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"SpeakerHub text round trip p50 = {productSummary.P50Ms:0.00} ms = {productSummary.P50Ms / baselineSummary.P50Ms:0.0}× a bare MQTT echo round trip " +
                $"(p50 {baselineSummary.P50Ms:0.00} ms); at p95 {productSummary.P95Ms / baselineSummary.P95Ms:0.0}×."));
        }

        await WriteFailuresAsync(output, SayBenchmark.ProductRow, product, cancellationToken);
        if (baseline is not null)
        {
            await WriteFailuresAsync(output, SayBenchmark.BaselineRow, baseline, cancellationToken);
        }
    }

    internal static async Task WriteFailuresAsync(TextWriter output, string name, LoadResult result, CancellationToken cancellationToken)
    {
        if (result.WarmupFailures > 0)
        {
            await output.WriteLineAsync($"{name}: {result.WarmupFailures} warm-up round trips failed.".AsMemory(), cancellationToken);
        }

        foreach ((string reason, int times) in result.FailureReasons.OrderByDescending(failure => failure.Value).Take(ShownFailureReasons))
        {
            await output.WriteLineAsync($"{name}: {times}× {reason}".AsMemory(), cancellationToken);
        }

        if (result.FailureReasons.Count > ShownFailureReasons)
        {
            await output.WriteLineAsync($"{name}: … and {result.FailureReasons.Count - ShownFailureReasons} more reasons.".AsMemory(), cancellationToken);
        }
    }
}
