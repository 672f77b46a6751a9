using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;

namespace SpeakerHub.Cloud.Gateway.Embedded;

/// <summary>The message paths of the embedded gateway: uplinks into device grains, downlinks onto sessions.</summary>
public sealed partial class EmbeddedMqttGateway
{
    private static readonly Task<bool> Sent = Task.FromResult(true);
    private static readonly Task<bool> NotSent = Task.FromResult(false);

    /// <inheritdoc />
    public Task<bool> Send(string deviceId, string sessionId, string kind, byte[] payload)
    {
        if (!TopicAcl.IsDownlinkKind(kind))
        {
            throw new ArgumentException($"'{kind}' is not a downlink topic kind.", nameof(kind));
        }

        // A different session id means the device reconnected since the grain last heard: that newer
        // session gets its messages through the grain's resend, not through a stale sender.
        if (!_devices.TryGetValue(deviceId, out var connection) || !string.Equals(connection.SessionId, sessionId, StringComparison.Ordinal))
        {
            return NotSent;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Down(deviceId, kind))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            if (!connection.Session.TryEnqueueApplicationMessage(message, out _))
            {
                // "Not sent" makes the grain forget this session, so a connection left open here would
                // hear nothing more until it happened to reconnect. Closing it makes the device reconnect
                // and say hello, after which the grain resends the desired twin and every un-acked command.
                _logger.LogWarning(
                    "Downlink {Kind} to {DeviceId} refused: {Limit} messages already queued; disconnecting it so it catches up on reconnect",
                    kind, deviceId, _options.MaxPendingMessagesPerClient);
                _ = Task.Run(() => DisconnectAsync(deviceId, MqttDisconnectReasonCode.QuotaExceeded));
                return NotSent;
            }
        }
        catch (ObjectDisposedException)
        {
            return NotSent;
        }

        _metrics.MessageOut(kind);
        return Sent;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        // Uplinks are for the cloud only: no device may subscribe to another's up/ topics, so MQTTnet's
        // fan-out would find no subscriber and answer "no matching subscribers". Skipping it saves a scan
        // per message and keeps the PUBACK a plain success. That includes the retained up/status (presence
        // and last will): accepted and passed to the grain, but not stored, since nobody could receive it.
        e.ProcessPublish = false;
        var deviceId = e.ClientId;
        var topic = e.ApplicationMessage.Topic;
        if (deviceId is null || !TopicAcl.TryMatchOwnUplink(deviceId, topic, out var kind))
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            _metrics.Rejected(GatewayMetrics.RefusedTopic);
            _logger.LogWarning("Refused publish of {DeviceId} to {Topic}: not one of its own up/ topics", deviceId, topic);
            return;
        }

        var body = e.ApplicationMessage.Payload;
        var payload = UplinkValidation.IsOversized(body) ? null : body.ToArray();
        var error = payload is null ? ProtocolError.TooLarge : UplinkValidation.Check(kind, payload);
        if (error != ProtocolError.None)
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            _metrics.Rejected(GatewayMetrics.RefusedPayload);
            _logger.LogError(
                "Refused publish of {DeviceId} to {Topic}: {ProtocolError} ({Length} bytes)", deviceId, topic, error, body.Length);
            return;
        }

        if (e.SessionItems[DeviceConnection.ItemKey] is not DeviceConnection connection)
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            _logger.LogError("Refused publish of {DeviceId} to {Topic}: the connection was never registered", deviceId, topic);
            return;
        }

        try
        {
            await _grains.GetDevice(deviceId).OnUplink(connection.SessionId, kind, payload!).WaitAsync(e.CancellationToken);
            _metrics.MessageIn(kind);
        }
        catch (OperationCanceledException) when (e.CancellationToken.IsCancellationRequested)
        {
            // The connection is closing; the device resends unacknowledged QoS 1 messages after reconnecting.
        }
        catch (Exception exception)
        {
            // Not a success: a QoS 1 sender learns the cloud did not take the message.
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            _logger.LogError(exception, "Uplink {Kind} of {DeviceId} failed in its grain", kind, deviceId);
        }
    }
}
