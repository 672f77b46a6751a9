namespace SpeakerHub.LoadGen.Measurement;

/// <summary>
/// The figures of one measured phase. Percentiles use the nearest-rank method on the successful round
/// trips: p50 of 100 samples is the 50th fastest, a value that really occurred, never an interpolation.
/// </summary>
public sealed record LatencySummary(
    string Name,
    int Count,
    int Errors,
    double PerSecond,
    double MinMs,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs)
{
    /// <summary>The whole phase; throughput is successful round trips over its wall-clock time.</summary>
    public static LatencySummary From(string name, LoadResult result)
    {
        double seconds = result.Elapsed.TotalSeconds;
        return From(name, result.LatenciesMs, result.Failed, seconds > 0 ? result.LatenciesMs.Count / seconds : 0);
    }

    /// <summary>One category of a phase: interleaved with the others, so it has no throughput of its own.</summary>
    public static LatencySummary From(string name, CategoryResult category) =>
        From(name, category.LatenciesMs, category.Failed, double.NaN);

    private static LatencySummary From(string name, IReadOnlyList<double> latenciesMs, int failed, double perSecond)
    {
        double[] sorted = [.. latenciesMs];
        Array.Sort(sorted);
        return new LatencySummary(
            name,
            sorted.Length,
            failed,
            perSecond,
            sorted.Length > 0 ? sorted[0] : double.NaN,
            NearestRank(sorted, 50),
            NearestRank(sorted, 90),
            NearestRank(sorted, 95),
            NearestRank(sorted, 99),
            sorted.Length > 0 ? sorted[^1] : double.NaN);
    }

    private static double NearestRank(double[] sorted, int percentile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
