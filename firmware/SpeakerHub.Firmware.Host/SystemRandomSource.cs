using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host;

/// <summary>Reconnect jitter from the shared thread-safe generator; it only spreads load, so it need not be cryptographic.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public int Next(int maxExclusive) => Random.Shared.Next(maxExclusive);
}
