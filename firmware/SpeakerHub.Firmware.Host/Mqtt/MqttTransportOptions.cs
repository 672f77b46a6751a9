namespace SpeakerHub.Firmware.Host.Mqtt;

/// <summary>Where and how a simulated device connects. Defaults match a cloud host on this machine.</summary>
public sealed class MqttTransportOptions
{
    public const int DefaultPort = 1883;

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = DefaultPort;

    /// <summary>Within typical NAT idle timeouts, so a silent home router does not drop the link.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the broker keeps the session (subscription and QoS 1 downlinks) after a drop. Covers a
    /// Wi-Fi blip or router restart; longer outages rely on the cloud resending un-acked commands and
    /// on the desired twin, which a stale queue would only replay out of date.
    /// </summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of the HMAC password minted for each connect attempt.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Publishes waiting for the link beyond this are refused, so the device queues them itself.</summary>
    public int SendQueueCapacity { get; set; } = 64;

    /// <summary>How long a clean shutdown waits for queued publishes (the "offline" status) to go out.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
