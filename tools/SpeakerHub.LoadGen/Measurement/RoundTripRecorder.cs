namespace SpeakerHub.LoadGen.Measurement;

/// <summary>
/// Collects the outcome of every measured round trip from all lanes at once, overall and per category
/// (e.g. per text), because a mix of cheap and expensive requests hides both in one percentile.
/// </summary>
public sealed class RoundTripRecorder(int expected)
{
    private readonly Lock _gate = new();
    private readonly List<double> _latenciesMs = new(expected);
    private readonly Dictionary<string, CategoryTally> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failureReasons = new(StringComparer.Ordinal);
    private int _failed;

    public int Completed
    {
        get
        {
            lock (_gate)
            {
                return _latenciesMs.Count + _failed;
            }
        }
    }

    public int Failed
    {
        get
        {
            lock (_gate)
            {
                return _failed;
            }
        }
    }

    public void Succeeded(string? category, TimeSpan latency)
    {
        lock (_gate)
        {
            _latenciesMs.Add(latency.TotalMilliseconds);
            if (category is not null)
            {
                Tally(category).LatenciesMs.Add(latency.TotalMilliseconds);
            }
        }
    }

    /// <summary>Failures are grouped by reason, so a thousand identical timeouts print as one line.</summary>
    public void Failure(string? category, string reason)
    {
        lock (_gate)
        {
            _failed++;
            _failureReasons[reason] = _failureReasons.GetValueOrDefault(reason) + 1;
            if (category is not null)
            {
                Tally(category).Failed++;
            }
        }
    }

    public LoadResult ToResult(TimeSpan elapsed, int warmupFailures)
    {
        lock (_gate)
        {
            return new LoadResult(
                [.. _latenciesMs],
                _categories.ToDictionary(pair => pair.Key, pair => new CategoryResult([.. pair.Value.LatenciesMs], pair.Value.Failed), StringComparer.Ordinal),
                new Dictionary<string, int>(_failureReasons, StringComparer.Ordinal),
                _failed,
                elapsed,
                warmupFailures);
        }
    }

    private CategoryTally Tally(string category)
    {
        if (!_categories.TryGetValue(category, out CategoryTally? tally))
        {
            tally = new CategoryTally();
            _categories.Add(category, tally);
        }

        return tally;
    }

    private sealed class CategoryTally
    {
        public List<double> LatenciesMs { get; } = [];

        public int Failed { get; set; }
    }
}

/// <summary>Everything a measured phase produced: successful latencies, failures by reason, and its wall-clock time.</summary>
public sealed record LoadResult(
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyDictionary<string, CategoryResult> Categories,
    IReadOnlyDictionary<string, int> FailureReasons,
    int Failed,
    TimeSpan Elapsed,
    int WarmupFailures)
{
    public bool HasFailures => Failed > 0 || WarmupFailures > 0;
}

/// <summary>The round trips of one category within a phase.</summary>
public sealed record CategoryResult(IReadOnlyList<double> LatenciesMs, int Failed);
