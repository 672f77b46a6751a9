using System.Globalization;

namespace SpeakerHub.Cloud.Gateway;

/// <summary>
/// Names each MQTT connection uniquely, so a device grain can ignore a late disconnect of a session it
/// has already replaced. Ids are <c>{unix ms, 12 hex}-{counter, 8 hex}-{gateway instance}</c>: fixed
/// width, so they also sort by time across silos, and the counter keeps them distinct within one
/// millisecond on this silo.
/// </summary>
public sealed class SessionIdGenerator(TimeProvider time)
{
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];
    private long _counter;

    public string Next()
    {
        var millis = time.GetUtcNow().ToUnixTimeMilliseconds();
        var sequence = (uint)Interlocked.Increment(ref _counter);
        return string.Create(CultureInfo.InvariantCulture, $"{millis:x12}-{sequence:x8}-{_instance}");
    }
}
