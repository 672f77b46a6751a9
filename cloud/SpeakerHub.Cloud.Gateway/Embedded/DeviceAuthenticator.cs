using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Cloud.Gateway.Embedded;

/// <summary>
/// Decides whether an MQTT CONNECT may become a device session (docs/protocol.md §Transport): client id
/// = username = a provisioned device id, password = a device token signed with that device's key.
/// Logs why a connect is refused, never the token or the key.
/// </summary>
/// <remarks>
/// Keys are read from the device grain on every connect rather than cached: the same grain is activated
/// for <c>OnConnected</c> a moment later anyway, so a cache would save no work and would only add a
/// window in which a changed key is still accepted.
/// </remarks>
public sealed class DeviceAuthenticator(IGrainFactory grains, TimeProvider time, ILogger<DeviceAuthenticator> logger)
{
    public async Task<MqttConnectReasonCode> AuthenticateAsync(
        string? clientId, string? userName, string? password, EndPoint? remote, CancellationToken cancellationToken)
    {
        if (clientId is null || !Topics.IsValidDeviceId(clientId))
        {
            // The id is attacker-controlled text: log its length, not the text.
            logger.LogWarning(
                "Refused MQTT connect from {Remote}: client id of length {Length} is not a device id",
                remote, clientId?.Length ?? 0);
            return MqttConnectReasonCode.ClientIdentifierNotValid;
        }

        if (!string.Equals(userName, clientId, StringComparison.Ordinal))
        {
            logger.LogWarning("Refused MQTT connect of {DeviceId} from {Remote}: username is not the device id", clientId, remote);
            return MqttConnectReasonCode.BadUserNameOrPassword;
        }

        if (string.IsNullOrEmpty(password))
        {
            logger.LogWarning("Refused MQTT connect of {DeviceId} from {Remote}: no password", clientId, remote);
            return MqttConnectReasonCode.BadUserNameOrPassword;
        }

        byte[]? key;
        try
        {
            key = await grains.GetDevice(clientId).GetKey().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Refused MQTT connect of {DeviceId}: could not read its key", clientId);
            return MqttConnectReasonCode.ServerUnavailable;
        }

        if (key is null)
        {
            logger.LogWarning("Refused MQTT connect of {DeviceId} from {Remote}: no such device", clientId, remote);
            return MqttConnectReasonCode.BadUserNameOrPassword;
        }

        var check = DeviceToken.Check(clientId, key, password, time.GetUtcNow().ToUnixTimeSeconds());
        switch (check)
        {
            case TokenCheck.Valid:
                return MqttConnectReasonCode.Success;
            case TokenCheck.Expired:
                // A genuine but stale token (the signature was checked first): "not authorized" tells the
                // device to mint a fresh one, unlike a wrong key, which no retry fixes.
                logger.LogWarning("Refused MQTT connect of {DeviceId} from {Remote}: token expired", clientId, remote);
                return MqttConnectReasonCode.NotAuthorized;
            default:
                logger.LogWarning("Refused MQTT connect of {DeviceId} from {Remote}: token {TokenCheck}", clientId, remote, check);
                return MqttConnectReasonCode.BadUserNameOrPassword;
        }
    }
}
