namespace SpeakerHub.LoadGen.Measurement;

/// <summary>Collects the outcome of every measured round trip from all lanes at once.</summary>
public sealed class RoundTripRecorder(int expected)
{
    private readonly Lock _gate = new();
    private readonly List<double> _latenciesMs = new(expected);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
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

    public void Succeeded(TimeSpan latency)
    {
        lock (_gate)
        {
            _latenciesMs.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>Failures are grouped by reason, so a thousand identical timeouts print as one line.</summary>
    public void Failure(string reason)
    {
        lock (_gate)
        {
            _failed++;
            _failures[reason] = _failures.GetValueOrDefault(reason) + 1;
        }
    }

    public LoadResult ToResult(TimeSpan elapsed, int warmupFailures)
    {
        lock (_gate)
        {
            return new LoadResult([.. _latenciesMs], new Dictionary<string, int>(_failures, StringComparer.Ordinal), _failed, elapsed, warmupFailures);
        }
    }
}

/// <summary>Everything a measured phase produced: successful latencies, failures by reason, and its wall-clock time.</summary>
public sealed record LoadResult(
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyDictionary<string, int> FailureReasons,
    int Failed,
    TimeSpan Elapsed,
    int WarmupFailures)
{
    public bool HasFailures => Failed > 0 || WarmupFailures > 0;
}
