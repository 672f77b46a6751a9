namespace SpeakerHub.UnitTests.HardwareTwins;

/// <summary>A clock that moves only when the test says so, at a frequency that does not divide evenly into frames.</summary>
internal sealed class ManualClock : TimeProvider
{
    // Deliberately awkward (not a multiple of 50 Hz) so rounding drift in a consumer would show up.
    private const long Frequency = 1_000_003;
    private const long Origin = 12_345;

    private TimeSpan _elapsed;

    public override long TimestampFrequency => Frequency;

    // Derived from the total each time, so the clock itself never drifts from what the test added up;
    // rounded up, so an instant the test names exactly has been reached, not missed by a fraction of a tick.
    public override long GetTimestamp() =>
        Origin + (long)(((_elapsed.Ticks * (Int128)Frequency) + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);

    public void Advance(TimeSpan by) => _elapsed += by;

    public void AdvanceMilliseconds(double milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));
}
