using SpeakerHub.LoadGen.Measurement;

namespace SpeakerHub.LoadGen.Voice;

/// <summary>
/// Measured turns from every speaker at once. A turn the cloud answered with "sorry" still has a
/// latency (the path ran end to end), but is counted apart: it is a recognition miss, not a fast answer.
/// </summary>
public sealed class VoiceTally
{
    private readonly RoundTripRecorder answered = new(1024);
    private readonly Lock gate = new();
    private int misheard;

    public int MisheardCount
    {
        get
        {
            lock (gate)
            {
                return misheard;
            }
        }
    }

    public int Failed => answered.Failed;

    public void Answered(string text, TimeSpan latency) => answered.Succeeded(text, latency);

    public void Misheard(string text, TimeSpan latency)
    {
        lock (gate)
        {
            misheard++;
        }

        answered.Succeeded(text, latency);
    }

    public void Failure(string text, string reason) => answered.Failure(text, reason);

    public LoadResult ToResult(TimeSpan elapsed) => answered.ToResult(elapsed, warmupFailures: 0);
}
