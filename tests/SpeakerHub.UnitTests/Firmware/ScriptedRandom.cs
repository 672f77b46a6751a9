using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>Draws a fixed fraction of the range, so tests can pin jitter to its minimum or maximum.</summary>
internal sealed class ScriptedRandom(double fraction) : IRandomSource
{
    public static ScriptedRandom Highest { get; } = new(1.0);

    public static ScriptedRandom Lowest { get; } = new(0.0);

    public int Next(int maxExclusive) => Math.Min(maxExclusive - 1, (int)(fraction * maxExclusive));
}
