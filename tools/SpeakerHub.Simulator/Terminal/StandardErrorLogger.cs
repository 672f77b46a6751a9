using Microsoft.Extensions.Logging;

namespace SpeakerHub.Simulator.Terminal;

/// <summary>Link diagnostics (refused connects, drops) on standard error, keeping standard output for replies.</summary>
public sealed class StandardErrorLogger(LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string line = $"{logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}";
        Console.Error.WriteLine(exception is null ? line : $"{line} ({exception.GetBaseException().Message})");
    }
}
