namespace SpeakerHub.Firmware.Audio
{
    /// <summary>
    /// A fixed ring of 16-bit samples between the loop (writer) and the playback thread (reader). Sized
    /// once at boot; a full ring refuses samples rather than growing, and the caller learns how many
    /// were taken (ISpeaker.Play's contract).
    /// </summary>
    public sealed class PcmRing
    {
        private readonly short[] _samples;
        private readonly object _gate = new object();
        private int _head;
        private int _count;

        public PcmRing(int capacity)
        {
            _samples = new short[capacity];
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        public int Write(short[] source, int offset, int count)
        {
            lock (_gate)
            {
                int free = _samples.Length - _count;
                int take = count < free ? count : free;
                int tail = (_head + _count) % _samples.Length;
                int first = take < _samples.Length - tail ? take : _samples.Length - tail;
                System.Array.Copy(source, offset, _samples, tail, first);
                System.Array.Copy(source, offset + first, _samples, 0, take - first);
                _count += take;
                return take;
            }
        }

        public int Read(short[] destination, int count)
        {
            lock (_gate)
            {
                int take = count < _count ? count : _count;
                int first = take < _samples.Length - _head ? take : _samples.Length - _head;
                System.Array.Copy(_samples, _head, destination, 0, first);
                System.Array.Copy(_samples, 0, destination, first, take - first);
                _head = (_head + take) % _samples.Length;
                _count -= take;
                return take;
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _head = 0;
                _count = 0;
            }
        }
    }
}
