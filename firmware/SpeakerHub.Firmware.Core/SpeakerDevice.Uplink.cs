using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// Device → cloud. Two kinds of uplink: state (status, hello, reported twin, telemetry) is sent only
    /// while online because the next connect re-sends it whole; history (events, command results) goes
    /// through the store-and-forward queue when it cannot be sent now.
    /// </summary>
    public sealed partial class SpeakerDevice
    {
        /// <summary>Encodes and hands a message to the link now; false when offline or refused.</summary>
        private bool Publish(string topic, Message message, bool retain)
        {
            if (!IsOnline)
            {
                return false;
            }

            int length = message.WriteTo(_writer);
            return length >= 0 && _transport.Publish(topic, _writer.Buffer, 0, length, retain);
        }

        /// <summary>Publishes, or keeps the message for after the next reconnect.</summary>
        private void PublishOrQueue(string topic, Message message)
        {
            int length = message.WriteTo(_writer);
            if (length < 0)
            {
                return;
            }

            // Queued messages must stay behind older queued ones, so nothing jumps the queue while it drains.
            if (IsOnline && _queue.Count == 0 && _transport.Publish(topic, _writer.Buffer, 0, length, false))
            {
                return;
            }

            _queue.Enqueue(topic, _writer.Buffer, 0, length);
        }

        private void FlushQueue()
        {
            _queue.Flush(_transport);
            if (_queue.Count == 0 && _queue.Dropped > 0)
            {
                _event.CorrelationId = 0;
                _event.Name = QueueDroppedEvent;
                _event.Detail = null;
                _event.Value = _queue.TakeDropped();
                PublishOrQueue(_topics.EventUp, _event);
            }
        }

        private void PublishTelemetry(long nowMs)
        {
            _telemetry.UptimeSeconds = (nowMs - _startedAtMs) / MillisecondsPerSecond;
            _telemetry.FreeMemory = _freeMemoryBytes;
            _telemetry.Rssi = _signalDbm;
            _telemetry.QueuedMessages = _queue.Count;
            _telemetry.Reconnects = Reconnects;
            Publish(_topics.TelemetryUp, _telemetry, false);
        }

        /// <summary>
        /// The whole reported twin at the applied desired version. Only sent while online: offline
        /// changes are covered by the full report after reconnect, and queuing partial ones would
        /// replay stale values after it.
        /// </summary>
        private void PublishReportedTwin()
        {
            _reported.CorrelationId = 0;
            _reported.Present = 0;
            _reported.Version = _settings.TwinVersion;
            _reported.SetVolume(_settings.Volume);
            _reported.SetMuted(_settings.Muted);
            _reported.SetWakeSensitivity(_settings.WakeSensitivity);
            Publish(_topics.TwinUp, _reported, false);
        }

        private void PublishButtonEvent(string detail, int value)
        {
            _event.CorrelationId = 0;
            _event.Name = ButtonEventName;
            _event.Detail = detail;
            _event.Value = value;
            PublishOrQueue(_topics.EventUp, _event);
        }
    }
}
