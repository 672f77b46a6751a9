using System.Net;
using MQTTnet.Server;

namespace SpeakerHub.Cloud.Gateway.Embedded;

/// <summary>
/// One authenticated MQTT connection of a device on this silo: the session id the device grain knows it
/// by, and the MQTTnet session downlinks are enqueued on. Kept in the connection's session items (so the
/// broker's callbacks find it) and in the gateway's device table (so downlinks find it).
/// </summary>
internal sealed class DeviceConnection(string deviceId, string sessionId, EndPoint? remoteEndPoint, MqttSessionStatus session)
{
    /// <summary>Key of this object in MQTTnet's per-session items.</summary>
    public static readonly object ItemKey = new();

    public string DeviceId { get; } = deviceId;

    public string SessionId { get; } = sessionId;

    /// <summary>
    /// Tells two connections of one device apart: if a device reconnects before the old connection is
    /// noticed dead, both may briefly share the MQTTnet session items, but never the remote end point.
    /// </summary>
    public EndPoint? RemoteEndPoint { get; } = remoteEndPoint;

    public MqttSessionStatus Session { get; } = session;

    public bool IsSameConnection(EndPoint? remoteEndPoint) => Equals(RemoteEndPoint, remoteEndPoint);
}
