using System.Diagnostics;

namespace SpeakerHub.LoadGen.Measurement;

/// <summary>
/// Runs a <see cref="LoadShape"/>: every lane warms up, then all lanes start their measured round trips
/// together, each timed from the call until its task completes. Only the measured phase counts toward
/// latency and throughput. <paramref name="categoryOf"/> names what an iteration does (e.g. its text),
/// so the report can break the figures down.
/// </summary>
public sealed class RoundTripLoad(LoadShape shape, RoundTrip roundTrip, Func<int, string>? categoryOf = null)
{
    private RoundTripRecorder? _measured;

    public LoadShape Shape => shape;

    /// <summary>Measured round trips so far (0 while warming up); safe to read from any thread.</summary>
    public LoadProgress Progress => Volatile.Read(ref _measured) is { } measured
        ? new LoadProgress(measured.Completed, measured.Failed, shape.MeasuredTotal, WarmingUp: false)
        : new LoadProgress(0, 0, shape.MeasuredTotal, WarmingUp: true);

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        // Warm-up pays for JIT, grain activation and first database pages. All lanes finish it before any
        // measured round trip starts, so a slow lane's warm-up never overlaps another lane's figures.
        RoundTripRecorder warmup = new(shape.Lanes * shape.WarmupPerLane);
        await RunLanesAsync(0, shape.WarmupPerLane, warmup, cancellationToken);

        RoundTripRecorder measured = new(shape.MeasuredTotal);
        Volatile.Write(ref _measured, measured);
        long started = Stopwatch.GetTimestamp();
        await RunLanesAsync(shape.WarmupPerLane, shape.CountPerLane, measured, cancellationToken);
        return measured.ToResult(Stopwatch.GetElapsedTime(started), warmup.Failed);
    }

    private Task RunLanesAsync(int firstIteration, int count, RoundTripRecorder recorder, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, shape.Lanes).Select(lane => Task.Run(
            () => RunLaneAsync(lane, firstIteration, count, recorder, cancellationToken), cancellationToken)));

    private async Task RunLaneAsync(int lane, int firstIteration, int count, RoundTripRecorder recorder, CancellationToken cancellationToken)
    {
        for (int iteration = firstIteration; iteration < firstIteration + count; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(shape.RoundTripTimeout);
            string? category = categoryOf?.Invoke(iteration);
            long started = Stopwatch.GetTimestamp();
            try
            {
                await roundTrip(lane, iteration, deadline.Token);
                recorder.Succeeded(category, Stopwatch.GetElapsedTime(started));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                recorder.Failure(category, $"no answer within {shape.RoundTripTimeout.TotalSeconds:0.#} s");
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                recorder.Failure(category, failure.Message);
            }
        }
    }
}

/// <summary>A snapshot for the progress line.</summary>
public readonly record struct LoadProgress(int Completed, int Failed, int Total, bool WarmingUp);
