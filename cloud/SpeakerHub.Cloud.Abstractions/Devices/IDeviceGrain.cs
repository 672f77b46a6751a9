namespace SpeakerHub.Cloud.Abstractions.Devices;

/// <summary>
/// One grain per speaker (key: device id). Owns presence, the twin, the un-acked command queue and
/// the text/voice interaction path for that device. Every uplink from the MQTT gateway lands here.
/// </summary>
[Alias("SpeakerHub.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Longest model name <see cref="Provision"/> accepts: keeps fleet selectors and the console readable.</summary>
    const int MaxModelLength = 64;

    /// <summary>
    /// Creates the device with a fresh random key, optionally for an owner account (whose household's
    /// smart-home devices, timers and history it then shares). Fails if it already exists.
    /// </summary>
    [Alias("Provision")]
    Task<ProvisionResult> Provision(string model, string? ownerId = null);

    /// <summary>The device key (for MQTT token checks), or null when the device was never provisioned.</summary>
    [Alias("GetKey")]
    Task<byte[]?> GetKey();

    [Alias("GetSnapshot")]
    Task<DeviceSnapshot?> GetSnapshot();

    /// <summary>
    /// A session opened on a gateway. <paramref name="sessionId"/> orders sessions, so a late
    /// disconnect of an old session never marks a reconnected device offline.
    /// </summary>
    [Alias("OnConnected")]
    Task OnConnected(string sessionId, IDownlink downlink);

    [Alias("OnDisconnected")]
    Task OnDisconnected(string sessionId, string reason);

    /// <summary>An uplink message for this device, already ACL-checked by the gateway.</summary>
    [Alias("OnUplink")]
    Task OnUplink(string sessionId, string kind, byte[] payload);

    /// <summary>Sets desired twin properties; returns the new desired version.</summary>
    [Alias("SetDesired")]
    Task<long> SetDesired(TwinChange change);

    /// <summary>Queues a command for the device (kept until acknowledged, resent after reconnect).</summary>
    [Alias("SendCommand")]
    Task<uint> SendCommand(CommandRequest command);

    /// <summary>Runs typed text through the same path as a spoken utterance and returns the reply.</summary>
    [Alias("Say")]
    Task<InteractionResult> Say(string text);

    /// <summary>
    /// Speaks something the device did not ask for (a timer going off). Returns false when the device is
    /// offline: announcements are not queued, because a late "your timer is done" misleads.
    /// </summary>
    [Alias("Announce")]
    Task<bool> Announce(string speech);

    /// <summary>Replaces the device's fleet tags (rollout selectors match on them).</summary>
    [Alias("SetTags")]
    Task SetTags(IReadOnlyList<string> tags);

    /// <summary>The device as the fleet API and rollouts see it; null when not provisioned.</summary>
    [Alias("GetFleetInfo")]
    Task<Fleet.FleetDeviceInfo?> GetFleetInfo();

    /// <summary>
    /// Offers a firmware image through the desired twin (the device downloads it over <c>down/ota</c>)
    /// on behalf of <paramref name="rolloutId"/>, which then hears every report about it.
    /// </summary>
    [Alias("OfferFirmware")]
    Task OfferFirmware(string imageId, string rolloutId);

    /// <summary>Withdraws an offer made by <paramref name="rolloutId"/>; an offer from anyone else stays.</summary>
    [Alias("WithdrawFirmware")]
    Task WithdrawFirmware(string rolloutId);
}
