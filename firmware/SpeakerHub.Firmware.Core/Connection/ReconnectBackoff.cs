namespace SpeakerHub.Firmware.Core.Connection
{
    /// <summary>
    /// Exponential backoff with full jitter: attempt n waits a uniform draw from [floor, ceiling(n)],
    /// ceiling(n) = min(cap, base · 2^n). Full jitter spreads a fleet that lost the broker at the same
    /// moment across the whole window instead of reconnecting in synchronised waves.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        // 2^30 ms is twelve days: past any sensible cap, and shifting further would overflow an int.
        private const int MaxDoublings = 30;

        private readonly int _baseMs;
        private readonly int _capMs;
        private readonly int _floorMs;
        private readonly IRandomSource _random;
        private int _attempt;

        public ReconnectBackoff(int baseMs, int capMs, int floorMs, IRandomSource random)
        {
            if (baseMs <= 0 || capMs < baseMs || floorMs < 0 || floorMs > baseMs || random == null)
            {
                throw new System.ArgumentException("backoff needs 0 <= floor <= base <= cap and a random source");
            }

            _baseMs = baseMs;
            _capMs = capMs;
            _floorMs = floorMs;
            _random = random;
        }

        /// <summary>Attempts since the last reset.</summary>
        public int Attempt
        {
            get { return _attempt; }
        }

        /// <summary>The upper bound of the next delay.</summary>
        public int CeilingMs
        {
            get
            {
                int ceiling = _baseMs;
                for (int i = 0; i < _attempt && i < MaxDoublings && ceiling < _capMs; i++)
                {
                    ceiling = ceiling > _capMs / 2 ? _capMs : ceiling * 2;
                }

                return ceiling < _capMs ? ceiling : _capMs;
            }
        }

        public int NextDelayMs()
        {
            int ceiling = CeilingMs;
            _attempt++;
            return _floorMs + _random.Next(ceiling - _floorMs + 1);
        }

        public void Reset()
        {
            _attempt = 0;
        }
    }
}
