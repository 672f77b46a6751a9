using SpeakerHub.Firmware.Core.Connection;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>Connection lifecycle: Wi-Fi, MQTT connect with backoff, session start, telemetry.</summary>
    public sealed partial class SpeakerDevice
    {
        /// <summary>Event name of the report that store-and-forward lost messages while offline.</summary>
        public const string QueueDroppedEvent = "queue.dropped";

        public void OnWifiUp()
        {
            _wifiUp = true;
            if (_state == DeviceState.ConnectingWifi)
            {
                BeginConnect();
            }
        }

        public void OnWifiDown(long nowMs)
        {
            _nowMs = nowMs;
            _wifiUp = false;
            if (IsOnline)
            {
                DropSession(nowMs);
            }

            // Without Wi-Fi a connect attempt cannot succeed; wait for OnWifiUp instead of backing off.
            if (_state != DeviceState.Booting)
            {
                _retryAtMs = Never;
                SetState(DeviceState.ConnectingWifi);
            }
        }

        /// <summary>The transport finished connecting (CONNACK accepted).</summary>
        public void OnConnected(long nowMs)
        {
            _nowMs = nowMs;
            if (_state != DeviceState.ConnectingMqtt)
            {
                // An attempt we already gave up on (Wi-Fi dropped, shutdown): keep the link and the
                // state in agreement.
                _transport.Disconnect();
                return;
            }

            _connectedAtMs = nowMs;
            _nextTelemetryAtMs = nowMs + _options.TelemetryIntervalMs;
            SetState(DeviceState.Idle);
            StartSession();
            if (_updater != null)
            {
                _updater.OnOnline(nowMs);
            }
        }

        public void OnConnectFailed(long nowMs)
        {
            _nowMs = nowMs;
            if (_state != DeviceState.ConnectingMqtt)
            {
                return;
            }

            ScheduleReconnect(nowMs);
        }

        /// <summary>The link dropped (keepalive, broker gone, socket error).</summary>
        public void OnConnectionLost(long nowMs)
        {
            _nowMs = nowMs;
            if (_state == DeviceState.ConnectingMqtt)
            {
                ScheduleReconnect(nowMs);
                return;
            }

            if (!IsOnline)
            {
                return;
            }

            DropSession(nowMs);
            ScheduleReconnect(nowMs);
        }

        /// <summary>Clean stop (reboot, power-off): says "offline" itself so no last will is needed.</summary>
        public void Shutdown()
        {
            if (IsOnline)
            {
                _status.Online = false;
                _status.Reason = LastWill.ShutdownReason;
                Publish(_topics.StatusUp, _status, LastWill.Retain);
            }

            FailInteraction(InteractionFailure.Cancelled);
            _transport.Disconnect();
            _retryAtMs = Never;
            _nextTelemetryAtMs = Never;
            SetState(DeviceState.Offline);
        }

        private void BeginConnect()
        {
            _retryAtMs = Never;
            _connectDeadlineMs = _nowMs + _options.ConnectTimeoutMs;
            SetState(DeviceState.ConnectingMqtt);
            _transport.Connect();
        }

        private void ScheduleReconnect(long nowMs)
        {
            _connectDeadlineMs = Never;
            _retryAtMs = nowMs + _backoff.NextDelayMs();
            SetState(DeviceState.Offline);
        }

        private void DropSession(long nowMs)
        {
            Reconnects++;
            if (nowMs - _connectedAtMs >= _options.StableConnectionMs)
            {
                _backoff.Reset();
            }

            _nextTelemetryAtMs = Never;
            _listenUntilMs = Never;
            FailInteraction(InteractionFailure.ConnectionLost);
            if (_updater != null)
            {
                _updater.OnOffline();
            }
        }

        /// <summary>
        /// The fixed order after every connect (docs/protocol.md §Session): subscribe first so no
        /// downlink answer is missed, then presence, identity, the full reported twin (which supersedes
        /// any change made offline), and last the store-and-forward backlog.
        /// </summary>
        private void StartSession()
        {
            _transport.Subscribe(_topics.DownFilter);
            _status.Online = true;
            _status.Reason = null;
            Publish(_topics.StatusUp, _status, LastWill.Retain);
            _hello.FirmwareVersion = _identity.FirmwareVersion;
            _hello.Model = _identity.Model;
            _hello.BootCount = _settings.BootCount;
            _hello.Capabilities = _identity.Capabilities;
            Publish(_topics.HelloUp, _hello, false);
            PublishReportedTwin();
            FlushQueue();
        }
    }
}
