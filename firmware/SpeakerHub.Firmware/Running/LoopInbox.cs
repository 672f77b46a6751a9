namespace SpeakerHub.Firmware.Running
{
    /// <summary>
    /// The one way into the device loop from other threads: a bounded, lock-protected ring that the
    /// loop drains every tick. Core is not thread-safe by design, so every M2Mqtt and Wi-Fi callback
    /// lands here instead of calling it. Bounded because a broker flooding the device must not run the
    /// heap out; a dropped downlink is a QoS 1 message the cloud resends after the next reconnect
    /// (commands) or supersedes (twin).
    /// </summary>
    public sealed class LoopInbox
    {
        /// <summary>Several seconds of normal downlink traffic between two 20 ms drains.</summary>
        public const int Capacity = 16;

        /// <summary>
        /// Payload bytes waiting at once. A downlink may legally be 16 KB (Envelope.MaxMessageLength), and
        /// sixteen of those would be a third of the SRAM; real control traffic is well under 1 KB each.
        /// </summary>
        public const int PayloadBudgetBytes = 24 * 1024;

        private readonly LoopEvent[] _events = new LoopEvent[Capacity];
        private readonly object _gate = new object();
        private int _head;
        private int _count;
        private int _dropped;
        private int _payloadBytes;

        /// <summary>Events refused because the ring was full.</summary>
        public int Dropped
        {
            get
            {
                lock (_gate)
                {
                    return _dropped;
                }
            }
        }

        public bool Post(LoopEvent item)
        {
            lock (_gate)
            {
                int bytes = item.Payload == null ? 0 : item.Payload.Length;
                if (_count == Capacity || _payloadBytes + bytes > PayloadBudgetBytes)
                {
                    _dropped++;
                    return false;
                }

                _events[(_head + _count) % Capacity] = item;
                _count++;
                _payloadBytes += bytes;
                return true;
            }
        }

        /// <summary>The oldest event, or null when there is none.</summary>
        public LoopEvent Take()
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    return null;
                }

                LoopEvent item = _events[_head];
                _events[_head] = null;
                _head = (_head + 1) % Capacity;
                _count--;
                _payloadBytes -= item.Payload == null ? 0 : item.Payload.Length;
                return item;
            }
        }
    }
}
