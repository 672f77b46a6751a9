using System.Diagnostics.Metrics;

namespace SpeakerHub.Cloud.Gateway;

/// <summary>Counters of the MQTT gateway (meter <see cref="MeterName"/>), tagged by topic kind or refusal reason.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "SpeakerHub.Gateway";

    // Values of the "reason" tag on the rejected counter.
    public const string RefusedConnect = "connect";
    public const string RefusedSubscription = "subscription";
    public const string RefusedTopic = "topic";
    public const string RefusedPayload = "payload";

    private readonly Meter _meter;
    private readonly Counter<long> _messagesIn;
    private readonly Counter<long> _messagesOut;
    private readonly Counter<long> _rejected;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _messagesIn = _meter.CreateCounter<long>("speakerhub.gateway.messages_in", "{message}", "Uplinks handed to device grains.");
        _messagesOut = _meter.CreateCounter<long>("speakerhub.gateway.messages_out", "{message}", "Downlinks enqueued on device sessions.");
        _rejected = _meter.CreateCounter<long>("speakerhub.gateway.rejected", "{attempt}", "Connects, subscriptions and publishes refused.");
    }

    /// <summary>Reports the number of connected devices whenever a collector asks.</summary>
    public void ObserveConnectedDevices(Func<int> count) =>
        _meter.CreateObservableGauge("speakerhub.gateway.connected_devices", count, "{device}", "Devices connected to this silo.");

    public void MessageIn(string kind) => _messagesIn.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void MessageOut(string kind) => _messagesOut.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
