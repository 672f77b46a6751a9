using System.Net;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Gateway;

/// <summary>How devices reach the cloud over MQTT (docs/architecture.md, "MQTT gateway, two modes").</summary>
public enum MqttGatewayMode
{
    /// <summary>An MQTTnet broker inside each silo; devices connect straight to the silo.</summary>
    Embedded,

    /// <summary>An MQTT 5 broker cluster in front of the silos (not implemented yet).</summary>
    External,
}

/// <summary>The <c>Mqtt</c> configuration section.</summary>
public sealed class MqttOptions
{
    public const string SectionName = "Mqtt";

    public MqttGatewayMode Mode { get; set; } = MqttGatewayMode.Embedded;

    /// <summary>Address the embedded broker listens on: an IP literal, or <c>localhost</c> for loopback only.</summary>
    public string Host { get; set; } = "0.0.0.0";

    public int Port { get; set; } = 1883;

    /// <summary>
    /// Downlinks queued for one device before new ones are refused. A refusal disconnects the device; the
    /// refused downlink is not lost: the device grain keeps un-acked commands and the desired twin and
    /// resends them after the device reconnects and says hello.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 250;

    /// <summary>How long the broker waits for a packet it needs (CONNECT after accept, acks) before giving up.</summary>
    public TimeSpan CommunicationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The address to bind, or null when <see cref="Host"/> is neither an IP literal nor <c>localhost</c>.</summary>
    public IPAddress? BindAddress =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var address) ? address
        : null;
}

/// <summary>Rejects unusable <see cref="MqttOptions"/> at start-up, naming the configuration key.</summary>
public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    private const int MaxPort = 65535;

    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var failures = new List<string>();
        if (options.Mode == MqttGatewayMode.External)
        {
            failures.Add("Mqtt:Mode=External is not yet supported; use Embedded.");
        }
        else if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Mqtt:Mode '{options.Mode}' is unknown; use Embedded.");
        }

        if (options.BindAddress is null)
        {
            failures.Add($"Mqtt:Host '{options.Host}' is not an IP address or 'localhost'.");
        }

        if (options.Port is < 1 or > MaxPort)
        {
            failures.Add($"Mqtt:Port must be 1..{MaxPort}, was {options.Port}.");
        }

        if (options.MaxPendingMessagesPerClient < 1)
        {
            failures.Add($"Mqtt:MaxPendingMessagesPerClient must be positive, was {options.MaxPendingMessagesPerClient}.");
        }

        if (options.CommunicationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Mqtt:CommunicationTimeout must be positive, was {options.CommunicationTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
