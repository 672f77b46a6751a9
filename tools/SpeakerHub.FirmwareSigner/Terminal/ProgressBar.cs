using System.Globalization;

namespace SpeakerHub.FirmwareSigner.Terminal;

/// <summary>
/// A one-line bar redrawn in place on stderr while a big image is hashed or written. It redraws only when
/// the whole percent changes, so reporting every 64 KiB block costs nothing; the work runs on the calling
/// thread, so there is no timer to stop. Small images and redirected stderr get no bar at all.
/// </summary>
public sealed class ProgressBar : IProgress<long>, IDisposable
{
    /// <summary>Images up to this size finish before a bar would be seen.</summary>
    public const long Threshold = 1024 * 1024;

    private const int Width = 30;

    private readonly TextWriter _output;
    private readonly string _label;
    private readonly long _total;
    private int _shownPercent = -1;

    private ProgressBar(TextWriter output, string label, long total)
    {
        _output = output;
        _label = label;
        _total = total;
        Report(0);
    }

    /// <summary>A bar on <see cref="CommandContext.Error"/> when it is a terminal and the work is big; otherwise null.</summary>
    public static ProgressBar? ShowIfWorthIt(CommandContext context, string label, long total) =>
        total > Threshold && context.ErrorIsTerminal ? new ProgressBar(context.Error, label, total) : null;

    public void Report(long value)
    {
        int percent = _total <= 0 ? 100 : (int)(Math.Clamp(value, 0, _total) * 100 / _total);
        if (percent == _shownPercent)
        {
            return;
        }

        _shownPercent = percent;
        int filled = percent * Width / 100;
        string done = Mebibytes(Math.Clamp(value, 0, _total));
        _output.Write($"\r{_label,-8} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%  {done} of {Mebibytes(_total)} MiB");
        _output.Flush();
    }

    public void Dispose()
    {
        _output.WriteLine();
        _output.Flush();
    }

    private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
}
