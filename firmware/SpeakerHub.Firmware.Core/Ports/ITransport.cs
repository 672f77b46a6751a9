namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// The MQTT link as the device logic sees it. Calls never block: <see cref="Connect"/> starts an
    /// attempt and the adapter later feeds <c>OnConnected</c> / <c>OnConnectFailed</c> /
    /// <c>OnConnectionLost</c> back into the device loop. The adapter owns the last will (built with
    /// <see cref="LastWill"/>), the keepalive and the credentials.
    /// </summary>
    public interface ITransport
    {
        void Connect();

        /// <summary>Graceful close: the broker does not publish the last will.</summary>
        void Disconnect();

        /// <summary>QoS 1 subscription; issued before any publish of the same session.</summary>
        void Subscribe(string topicFilter);

        /// <summary>
        /// Hands one QoS 1 message to the link, in call order. The buffer is reused by the caller as
        /// soon as this returns, so the adapter copies or sends before returning. False when the link
        /// cannot take it now (not connected, send queue full): the device then keeps it itself.
        /// </summary>
        bool Publish(string topic, byte[] buffer, int offset, int count, bool retain);
    }
}
