namespace SpeakerHub.Firmware.Core.Commands
{
    /// <summary>
    /// The last N command ids and their outcomes. QoS 1 and the cloud's resend-after-reconnect both
    /// deliver a command more than once; a remembered id is acknowledged again with its first outcome
    /// but not executed again ("volume.up" twice would be wrong).
    /// </summary>
    public sealed class RecentCommands
    {
        private readonly uint[] _ids;
        private readonly byte[] _outcomes;
        private int _next;
        private int _count;

        public RecentCommands(int capacity)
        {
            if (capacity <= 0)
            {
                throw new System.ArgumentException("capacity must be positive");
            }

            _ids = new uint[capacity];
            _outcomes = new byte[capacity];
        }

        public int Capacity
        {
            get { return _ids.Length; }
        }

        public int Count
        {
            get { return _count; }
        }

        public bool TryGetOutcome(uint commandId, out byte outcome)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == commandId)
                {
                    outcome = _outcomes[i];
                    return true;
                }
            }

            outcome = 0;
            return false;
        }

        /// <summary>Remembers an id, forgetting the oldest when full.</summary>
        public void Remember(uint commandId, byte outcome)
        {
            _ids[_next] = commandId;
            _outcomes[_next] = outcome;
            _next = (_next + 1) % _ids.Length;
            if (_count < _ids.Length)
            {
                _count++;
            }
        }

        /// <summary>The i-th remembered id, oldest first (for persisting in eviction order).</summary>
        public uint IdAt(int index)
        {
            return _ids[SlotOf(index)];
        }

        public byte OutcomeAt(int index)
        {
            return _outcomes[SlotOf(index)];
        }

        public void Clear()
        {
            _next = 0;
            _count = 0;
        }

        private int SlotOf(int index)
        {
            int oldest = _count < _ids.Length ? 0 : _next;
            return (oldest + index) % _ids.Length;
        }
    }
}
