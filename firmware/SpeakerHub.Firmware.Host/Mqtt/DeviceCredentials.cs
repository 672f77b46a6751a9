using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Firmware.Host.Mqtt;

/// <summary>What a device is given at provisioning: its id and its 32-byte key (never sent anywhere).</summary>
public sealed record DeviceCredentials
{
    public DeviceCredentials(string deviceId, byte[] key)
    {
        if (!Topics.IsValidDeviceId(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a valid device id.", nameof(deviceId));
        }

        if (key is not { Length: DeviceToken.KeyLength })
        {
            throw new ArgumentException($"A device key is {DeviceToken.KeyLength} bytes.", nameof(key));
        }

        DeviceId = deviceId;
        Key = key;
    }

    public string DeviceId { get; }

    public byte[] Key { get; }

    /// <summary>The MQTT password: an HMAC token over the id that expires after <paramref name="lifetime"/>.</summary>
    public string CreatePassword(DateTimeOffset now, TimeSpan lifetime) =>
        DeviceToken.Create(DeviceId, Key, now.Add(lifetime).ToUnixTimeSeconds());
}
