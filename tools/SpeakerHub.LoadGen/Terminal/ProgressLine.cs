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
    private const int Width = 60;

    private readonly Func<string> _render;
    private readonly TextWriter _output;
    private readonly bool _redraw;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _redrawing;
    private int _widest = Width;

    private ProgressLine(Func<string> render, TextWriter output, bool redraw)
    {
        _render = render;
        _output = output;
        _redraw = redraw;
        _redrawing = redraw ? RedrawAsync(_stop.Token) : Task.CompletedTask;
    }

    public static ProgressLine Show(string label, RoundTripLoad load) => Show(() => Render(label, load));

    /// <summary>A line of any run: <paramref name="render"/> is asked for the current state on each redraw and once at the end.</summary>
    public static ProgressLine Show(Func<string> render) =>
        new(render, Console.Out, redraw: !Console.IsOutputRedirected);

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

    // Padded so a shorter line fully covers the longer one it redraws.
    private string Render()
    {
        string line = _render();
        _widest = Math.Max(_widest, line.Length);
        return line.PadRight(_widest);
    }

    private static string Render(string label, RoundTripLoad load)
    {
        LoadProgress progress = load.Progress;
        string state = progress.WarmingUp ? "warming up" : $"{progress.Completed}/{progress.Total} round trips, {progress.Failed} failed";
        return $"{label}: {state}";
    }
}
