namespace SpeakerHub.Firmware.Core.Connection
{
    /// <summary>
    /// Store-and-forward for uplinks produced while offline (events, command results): a ring of
    /// preallocated slots, so being offline for hours costs no more memory than being offline for a
    /// second. When full the oldest message goes: recent history is worth more than old history.
    /// </summary>
    public sealed class OutboundQueue
    {
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly string[] _topics;
        private int _head;
        private int _count;
        private int _dropped;

        public OutboundQueue(int slotCount, int slotBytes)
        {
            if (slotCount <= 0 || slotBytes <= 0)
            {
                throw new System.ArgumentException("queue needs at least one slot of at least one byte");
            }

            _slots = new byte[slotCount][];
            for (int i = 0; i < slotCount; i++)
            {
                _slots[i] = new byte[slotBytes];
            }

            _lengths = new int[slotCount];
            _topics = new string[slotCount];
        }

        public int Count
        {
            get { return _count; }
        }

        public int Capacity
        {
            get { return _slots.Length; }
        }

        /// <summary>Messages lost since the last <see cref="TakeDropped"/>: overflow, or too big for a slot.</summary>
        public int Dropped
        {
            get { return _dropped; }
        }

        public void Enqueue(string topic, byte[] buffer, int offset, int count)
        {
            byte[] first = _slots[0];
            if (count > first.Length)
            {
                _dropped++;
                return;
            }

            if (_count == _slots.Length)
            {
                _topics[_head] = null;
                _head = (_head + 1) % _slots.Length;
                _count--;
                _dropped++;
            }

            int tail = (_head + _count) % _slots.Length;
            System.Array.Copy(buffer, offset, _slots[tail], 0, count);
            _lengths[tail] = count;
            _topics[tail] = topic;
            _count++;
        }

        /// <summary>
        /// Publishes queued messages oldest first and stops at the first one the transport refuses, which
        /// stays queued. Returns how many were handed over.
        /// </summary>
        public int Flush(ITransport transport)
        {
            int sent = 0;
            while (_count > 0)
            {
                if (!transport.Publish(_topics[_head], _slots[_head], 0, _lengths[_head], false))
                {
                    break;
                }

                _topics[_head] = null;
                _head = (_head + 1) % _slots.Length;
                _count--;
                sent++;
            }

            return sent;
        }

        public int TakeDropped()
        {
            int dropped = _dropped;
            _dropped = 0;
            return dropped;
        }
    }
}
