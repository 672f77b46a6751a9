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
    public static LatencySummary From(string name, LoadResult result)
    {
        double[] sorted = [.. result.LatenciesMs];
        Array.Sort(sorted);
        double seconds = result.Elapsed.TotalSeconds;
        return new LatencySummary(
            name,
            sorted.Length,
            result.Failed,
            seconds > 0 ? sorted.Length / seconds : 0,
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
