using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Running
{
    /// <summary>
    /// Reconnect jitter. Seeded from the device id and the tick count so a fleet that lost power together
    /// does not draw the same delays and reconnect in lockstep.
    /// </summary>
    public sealed class PseudoRandomSource : IRandomSource
    {
        private readonly System.Random _random;

        public PseudoRandomSource(string deviceId, long nowMs)
        {
            _random = new System.Random(deviceId.GetHashCode() ^ (int)nowMs);
        }

        public int Next(int maxExclusive)
        {
            return maxExclusive <= 0 ? 0 : _random.Next(maxExclusive);
        }
    }
}
