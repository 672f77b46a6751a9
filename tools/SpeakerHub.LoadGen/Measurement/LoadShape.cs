namespace SpeakerHub.LoadGen.Measurement;

/// <summary>
/// How a run is laid out: <see cref="Lanes"/> run side by side (one per simulated device), each doing
/// one round trip at a time — first <see cref="WarmupPerLane"/> unmeasured, then <see cref="CountPerLane"/>
/// measured. A round trip that takes longer than <see cref="RoundTripTimeout"/> counts as failed.
/// </summary>
public sealed record LoadShape(int Lanes, int WarmupPerLane, int CountPerLane, TimeSpan RoundTripTimeout)
{
    public int MeasuredTotal => Lanes * CountPerLane;
}

/// <summary>One round trip on <paramref name="lane"/>; <paramref name="iteration"/> counts from 0 across warm-up and measurement.</summary>
public delegate Task RoundTrip(int lane, int iteration, CancellationToken cancellationToken);

/// <summary>A round trip completed but its answer was wrong (e.g. the cloud did not understand the text).</summary>
public sealed class RoundTripFailedException : Exception
{
    public RoundTripFailedException()
    {
    }

    public RoundTripFailedException(string message)
        : base(message)
    {
    }

    public RoundTripFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
