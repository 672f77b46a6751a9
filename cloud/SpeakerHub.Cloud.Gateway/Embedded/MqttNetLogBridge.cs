using System.Globalization;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace SpeakerHub.Cloud.Gateway.Embedded;

/// <summary>
/// Routes MQTTnet's own diagnostics into the host's logging (category "MQTTnet"), so broker-internal
/// errors are not silently dropped; its verbose chatter stays at trace level.
/// </summary>
internal sealed class MqttNetLogBridge(ILoggerFactory loggerFactory) : IMqttNetLogger
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("MQTTnet");

    // Errors are the floor: if even they are off for "MQTTnet", MQTTnet may skip logging altogether.
    public bool IsEnabled => _logger.IsEnabled(LogLevel.Error);

    public void Publish(MqttNetLogLevel logLevel, string source, string message, object[] parameters, Exception exception)
    {
        var level = logLevel switch
        {
            MqttNetLogLevel.Verbose => LogLevel.Trace,
            MqttNetLogLevel.Info => LogLevel.Debug,
            MqttNetLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
        _logger.Log(level, exception, "{Source}: {Message}", source, text);
    }
}
