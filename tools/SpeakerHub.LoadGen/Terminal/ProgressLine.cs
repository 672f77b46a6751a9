using SpeakerHub.LoadGen.Measurement;

namespace SpeakerHub.LoadGen.Terminal;

/// <summary>
/// Shows how far a run is. It samples the run on its own timer instead of being told about each round
/// trip, so printing never sits on the measured path. On a terminal the line is redrawn in place; into
/// a file or pipe only the final state is written, once.
/// </summary>
public sealed class ProgressLine : IAsyncDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(500);

    private readonly string _label;
    private readonly RoundTripLoad _load;
    private readonly TextWriter _output;
    private readonly bool _redraw;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _redrawing;

    private ProgressLine(string label, RoundTripLoad load, TextWriter output, bool redraw)
    {
        _label = label;
        _load = load;
        _output = output;
        _redraw = redraw;
        _redrawing = redraw ? RedrawAsync(_stop.Token) : Task.CompletedTask;
    }

    public static ProgressLine Show(string label, RoundTripLoad load) =>
        new(label, load, Console.Out, redraw: !Console.IsOutputRedirected);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _redrawing;
        _stop.Dispose();
        await _output.WriteLineAsync(_redraw ? "\r" + Render() : Render());
    }

    private async Task RedrawAsync(CancellationToken stop)
    {
        using PeriodicTimer timer = new(RedrawInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await _output.WriteAsync("\r" + Render());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string Render()
    {
        LoadProgress progress = _load.Progress;
        string state = progress.WarmingUp ? "warming up" : $"{progress.Completed}/{progress.Total} round trips, {progress.Failed} failed";
        return $"{_label}: {state}".PadRight(60);
    }
}
