using CsCheck;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Connection;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class ReconnectBackoffTests
{
    private const int BaseMs = DeviceOptions.DefaultReconnectBaseMs;
    private const int CapMs = DeviceOptions.DefaultReconnectCapMs;
    private const int FloorMs = DeviceOptions.DefaultReconnectFloorMs;

    [Fact]
    public void Every_delay_lies_between_the_floor_and_a_ceiling_that_doubles_up_to_the_cap()
    {
        Gen.Double[0.0, 1.0].Array[1, 40].Sample(draws =>
        {
            ReconnectBackoff backoff = new(BaseMs, CapMs, FloorMs, new DrawSequence(draws));
            long ceiling = BaseMs;
            foreach (double _ in draws)
            {
                Assert.Equal(ceiling, backoff.CeilingMs);
                Assert.InRange(backoff.NextDelayMs(), FloorMs, ceiling);
                ceiling = Math.Min(CapMs, ceiling * 2);
            }
        });
    }

    [Fact]
    public void Jitter_spreads_a_fleet_across_the_whole_window()
    {
        Random seeded = new(7);
        int[] firstDelays = [.. Enumerable.Range(0, 1000).Select(_ =>
            new ReconnectBackoff(BaseMs, CapMs, FloorMs, new DrawSequence([seeded.NextDouble()])).NextDelayMs())];

        Assert.True(firstDelays.Min() < FloorMs + 100, "some devices retry almost at once");
        Assert.True(firstDelays.Max() > BaseMs - 100, "some wait nearly the full window");
        Assert.True(firstDelays.Distinct().Count() > 500, "delays are not clustered");
    }

    [Fact]
    public void Reset_brings_the_ceiling_back_to_the_base()
    {
        ReconnectBackoff backoff = new(BaseMs, CapMs, FloorMs, ScriptedRandom.Highest);
        for (int i = 0; i < 10; i++)
        {
            backoff.NextDelayMs();
        }

        Assert.Equal(CapMs, backoff.CeilingMs);
        backoff.Reset();
        Assert.Equal(BaseMs, backoff.NextDelayMs());
    }

    /// <summary>Replays fractions of the range, repeating the last one when they run out.</summary>
    private sealed class DrawSequence(double[] fractions) : IRandomSource
    {
        private int _index;

        public int Next(int maxExclusive)
        {
            double fraction = fractions[Math.Min(_index++, fractions.Length - 1)];
            return Math.Min(maxExclusive - 1, (int)(fraction * maxExclusive));
        }
    }
}
