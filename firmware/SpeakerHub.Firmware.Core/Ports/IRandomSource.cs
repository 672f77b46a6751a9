namespace SpeakerHub.Firmware.Core
{
    /// <summary>Randomness for reconnect jitter; injected so tests can pin it.</summary>
    public interface IRandomSource
    {
        /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
        int Next(int maxExclusive);
    }
}
