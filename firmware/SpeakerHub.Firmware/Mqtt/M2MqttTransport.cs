using System;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Connection;
using SpeakerHub.Firmware.Running;
using SpeakerHub.Firmware.Storage;

namespace SpeakerHub.Firmware.Mqtt
{
    /// <summary>
    /// Core's <see cref="ITransport"/> over nanoFramework's M2Mqtt: MQTT 5, TLS 1.2 against the
    /// provisioned CA, client id = username = device id, a fresh HMAC token as password on every
    /// attempt, Core's last will, QoS 1 and a persistent session (clean start off), so commands the
    /// cloud queued while the device was away arrive after reconnect.
    /// Core decides when to connect (its backoff); M2Mqtt's Connect blocks for DNS, TCP, TLS and CONNACK,
    /// so it runs on this adapter's worker thread and the outcome comes back through the loop inbox.
    /// Every M2Mqtt callback (its own receive thread) is posted to the inbox too; Core never sees them.
    /// </summary>
    public sealed class M2MqttTransport : ITransport
    {
        /// <summary>docs/protocol.md §Transport: 30 s device keepalive.</summary>
        public const ushort KeepAliveSeconds = 30;

        /// <summary>Each connect signs a new token, so a short lifetime costs nothing and bounds a leak.</summary>
        public const int TokenLifetimeSeconds = 24 * 60 * 60;

        /// <summary>The broker keeps the session (subscription, queued QoS 1 downlinks) this long offline.</summary>
        public const uint SessionExpirySeconds = 24 * 60 * 60;

        /// <summary>
        /// Publishes handed to M2Mqtt and not yet acknowledged. M2Mqtt's own queue is unbounded by default
        /// and every entry holds a payload copy, so the adapter refuses more and Core keeps them instead.
        /// </summary>
        public const int MaxInFlightPublishes = 8;

        /// <summary>
        /// MQTT 5 maximum packet size announced to the broker: the largest envelope plus the PUBLISH
        /// header (fixed header, a topic of at most ~90 bytes, packet id, properties). The broker drops a
        /// bigger packet instead of making M2Mqtt allocate it.
        /// </summary>
        public const int MaxPacketOverheadBytes = 256;

        /// <summary>How long a clean disconnect waits for in-flight publishes ("offline" status first).</summary>
        private const int DrainBeforeDisconnectMs = 2000;
        private const int DrainPollMs = 50;

        /// <summary>A token signed with an unset clock (1970) is already expired; refuse early and say why.</summary>
        private const int EarliestPlausibleYear = 2024;

        private readonly ProvisionedConfig _config;
        private readonly LoopInbox _inbox;
        private readonly X509Certificate _caCertificate;
        private readonly string _willTopic;
        private readonly string _willMessage;
        private readonly AutoResetEvent _work = new AutoResetEvent(false);
        private readonly Thread _worker;
        private readonly object _clientGate = new object();
        private MqttClient _client;
        private int _inFlight;
        // Shared with another thread without `volatile`: nanoFramework's mscorlib has no IsVolatile, and it
        // needs none, since managed threads are time-sliced by the interpreter, which reads every field
        // from the heap, so a write is visible to the next read on any thread.
        private bool _connected;
        private bool _connectRequested;
        private bool _disconnectRequested;
        private bool _closingOnPurpose;

        public M2MqttTransport(ProvisionedConfig config, LoopInbox inbox)
        {
            _config = config;
            _inbox = inbox;
            _caCertificate = config.UsesTls ? new X509Certificate(config.CaCertificatePem) : null;
            _willTopic = LastWill.Topic(config.DeviceId);
            _willMessage = LastWill.Text();

            _worker = new Thread(RunWorker);
            _worker.Start();
        }

        public void Connect()
        {
            _connectRequested = true;
            _work.Set();
        }

        public void Disconnect()
        {
            _connected = false;
            _disconnectRequested = true;
            _work.Set();
        }

        public void Subscribe(string topicFilter)
        {
            MqttClient client = _client;
            if (client == null)
            {
                return;
            }

            try
            {
                client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
            }
            catch (Exception exception)
            {
                // The link died under us; ConnectionClosed follows and Core resubscribes on the next session.
                Debug.WriteLine("mqtt: subscribe failed: " + exception.Message);
            }
        }

        public bool Publish(string topic, byte[] buffer, int offset, int count, bool retain)
        {
            MqttClient client = _client;
            if (!_connected || client == null || _inFlight >= MaxInFlightPublishes)
            {
                return false;
            }

            // M2Mqtt publishes whole arrays and keeps them until PUBACK, and Core reuses its buffer, so
            // this copy is required; uplinks are events and results, not per-audio-frame traffic.
            byte[] message = new byte[count];
            Array.Copy(buffer, offset, message, 0, count);
            Interlocked.Increment(ref _inFlight);
            try
            {
                client.Publish(topic, message, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return true;
            }
            catch (Exception exception)
            {
                Interlocked.Decrement(ref _inFlight);
                Debug.WriteLine("mqtt: publish failed: " + exception.Message);
                return false;
            }
        }

        private void RunWorker()
        {
            while (true)
            {
                _work.WaitOne();

                // A disconnect Core asked for always happens before a connect it asked for later.
                if (_disconnectRequested)
                {
                    _disconnectRequested = false;
                    DisconnectNow();
                }

                if (_connectRequested)
                {
                    _connectRequested = false;
                    ConnectNow();
                }
            }
        }

        private void ConnectNow()
        {
            CloseClient();
            DateTime now = DateTime.UtcNow;
            if (now.Year < EarliestPlausibleYear)
            {
                Debug.WriteLine("mqtt: clock not set (no SNTP yet); a token would be expired");
                PostOutcome(LoopEvent.ConnectFailed);
                return;
            }

            MqttClient client = null;
            try
            {
                client = _config.UsesTls
                    ? new MqttClient(_config.MqttHost, _config.MqttPort, true, _caCertificate, null, MqttSslProtocols.TLSv1_2)
                    : new MqttClient(_config.MqttHost, _config.MqttPort, false, null, null, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_5;
                client.SessionExpiryInterval = SessionExpirySeconds;
                client.MaximumPacketSize = (uint)(SpeakerHub.Protocol.Envelope.MaxMessageLength + MaxPacketOverheadBytes);
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnConnectionClosed;
                string password = SpeakerHub.Protocol.Security.DeviceToken.Create(
                    _config.DeviceId, _config.DeviceKey, now.ToUnixTimeSeconds() + TokenLifetimeSeconds);
                MqttReasonCode code = client.Connect(
                    _config.DeviceId,
                    _config.DeviceId,
                    password,
                    LastWill.Retain,
                    MqttQoSLevel.AtLeastOnce,
                    true,
                    _willTopic,
                    _willMessage,
                    false,
                    KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    Debug.WriteLine("mqtt: broker refused the connect, reason " + ((int)code).ToString());
                    client.Dispose();
                    PostOutcome(LoopEvent.ConnectFailed);
                    return;
                }

                bool abandoned;
                lock (_clientGate)
                {
                    // An abandoned client is kept only for the pending disconnect to close on purpose.
                    _client = client;
                    _inFlight = 0;
                    _closingOnPurpose = false;
                    abandoned = _disconnectRequested;
                    _connected = !abandoned;
                }

                if (!abandoned)
                {
                    PostOutcome(LoopEvent.Connected);
                }
            }
            catch (Exception exception)
            {
                Debug.WriteLine("mqtt: connect failed: " + exception.Message);
                if (client != null)
                {
                    client.Dispose();
                }

                PostOutcome(LoopEvent.ConnectFailed);
            }
        }

        /// <summary>
        /// Posts the outcome of the attempt that just ended, unless Core gave up on it while Connect blocked
        /// (its connect timeout asks for a disconnect): Core would take a stale outcome for its next
        /// attempt's, and a stale success followed by that disconnect leaves it online with no link. A
        /// connect Core asked for while this one ran, with no disconnect between, is answered by this one.
        /// </summary>
        private void PostOutcome(LoopEvent outcome)
        {
            if (_disconnectRequested)
            {
                return;
            }

            _connectRequested = false;
            _inbox.Post(outcome);
        }

        private void DisconnectNow()
        {
            MqttClient client = _client;
            if (client == null)
            {
                return;
            }

            // Core publishes "offline" right before a clean disconnect; let it reach the broker first.
            for (int waited = 0; _inFlight > 0 && waited < DrainBeforeDisconnectMs; waited += DrainPollMs)
            {
                Thread.Sleep(DrainPollMs);
            }

            _closingOnPurpose = true;
            try
            {
                client.Disconnect();
            }
            catch (Exception exception)
            {
                Debug.WriteLine("mqtt: disconnect: " + exception.Message);
            }

            CloseClient();
        }

        private void CloseClient()
        {
            MqttClient client;
            lock (_clientGate)
            {
                client = _client;
                _client = null;
                _connected = false;
                _closingOnPurpose = true;
            }

            if (client != null)
            {
                client.Dispose();
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            if (!_inbox.Post(LoopEvent.Message(e.Topic, e.Message)))
            {
                Debug.WriteLine("mqtt: inbox full, downlink dropped");
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            // Acknowledged or given up after M2Mqtt's retries: either way the slot is free again. A late
            // acknowledgement from a closed session must not push the count below zero.
            if (sender == _client && Interlocked.Decrement(ref _inFlight) < 0)
            {
                Interlocked.Exchange(ref _inFlight, 0);
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            lock (_clientGate)
            {
                // Events from a client we already replaced or closed on purpose are not news to Core.
                if (sender != _client || _closingOnPurpose)
                {
                    return;
                }

                _connected = false;
            }

            _inbox.Post(LoopEvent.ConnectionLost);
        }
    }
}
