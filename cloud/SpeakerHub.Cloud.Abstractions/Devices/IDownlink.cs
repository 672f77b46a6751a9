namespace SpeakerHub.Cloud.Abstractions.Devices;

/// <summary>
/// The gateway session a device is connected through, as the device grain sees it. Each silo's
/// gateway hands a reference of itself to the grain on connect (the GPSTracker observer pattern),
/// so a downlink goes straight to the silo holding the session and is enqueued on that session.
/// </summary>
[Alias("SpeakerHub.IDownlink")]
public interface IDownlink : IGrainObserver
{
    /// <summary>
    /// Publishes <paramref name="payload"/> on <c>sh/d/{deviceId}/down/{kind}</c> to the given session.
    /// Returns false when that session is gone (the device will get it after reconnect).
    /// </summary>
    [Alias("Send")]
    Task<bool> Send(string deviceId, string sessionId, string kind, byte[] payload);
}
