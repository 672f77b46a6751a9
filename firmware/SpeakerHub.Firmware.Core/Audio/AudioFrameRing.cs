namespace SpeakerHub.Firmware.Core.Audio
{
    /// <summary>
    /// The most recent microphone frames in one array allocated at boot. Capture copies every frame in;
    /// the uplink reads them out oldest first; while nobody reads, the oldest are overwritten, so the ring
    /// always holds the last <see cref="Capacity"/> frames — the pre-roll a voice activity detector
    /// needs to send the start of a word it only recognised a few frames in.
    /// </summary>
    public sealed class AudioFrameRing
    {
        private readonly short[] _samples;
        private readonly int _frameSamples;
        private readonly int _capacity;
        private int _oldest;
        private int _count;

        public AudioFrameRing(int capacityFrames, int frameSamples)
        {
            if (capacityFrames < 1 || frameSamples < 1)
            {
                throw new System.ArgumentOutOfRangeException("capacityFrames");
            }

            _capacity = capacityFrames;
            _frameSamples = frameSamples;
            _samples = new short[capacityFrames * frameSamples];
        }

        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Frames held, oldest first.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>The storage; frame data is read in place from <see cref="OldestOffset"/>.</summary>
        public short[] Samples
        {
            get { return _samples; }
        }

        /// <summary>Where the oldest frame starts in <see cref="Samples"/>; meaningful while <see cref="Count"/> &gt; 0.</summary>
        public int OldestOffset
        {
            get { return _oldest * _frameSamples; }
        }

        /// <summary>
        /// Copies one frame in, overwriting the oldest when full. False (and nothing stored) unless
        /// <paramref name="frame"/> is exactly one frame long: a short or long read from the driver is a
        /// bug to count, not audio to guess at.
        /// </summary>
        public bool Write(short[] frame)
        {
            if (frame == null || frame.Length != _frameSamples)
            {
                return false;
            }

            int slot = _oldest + _count;
            if (slot >= _capacity)
            {
                slot -= _capacity;
            }

            if (_count == _capacity)
            {
                DropOldest();
            }

            _count++;
            System.Array.Copy(frame, 0, _samples, slot * _frameSamples, _frameSamples);
            return true;
        }

        public void DropOldest()
        {
            if (_count == 0)
            {
                return;
            }

            _count--;
            _oldest++;
            if (_oldest == _capacity)
            {
                _oldest = 0;
            }
        }

        public void Clear()
        {
            _oldest = 0;
            _count = 0;
        }
    }
}
