namespace SpeakerHub.Cloud.Abstractions.Devices;

/// <summary>How callers (gateway, API, other grains) address the device grains, so the keys live in one place.</summary>
public static class DeviceGrainFactoryExtensions
{
    /// <summary>The directory is a singleton under this key.</summary>
    public const long DirectoryKey = 0;

    public static IDeviceGrain GetDevice(this IGrainFactory grains, string deviceId) =>
        grains.GetGrain<IDeviceGrain>(deviceId);

    public static IDeviceDirectoryGrain GetDeviceDirectory(this IGrainFactory grains) =>
        grains.GetGrain<IDeviceDirectoryGrain>(DirectoryKey);
}
