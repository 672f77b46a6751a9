namespace SpeakerHub.Cloud.Abstractions.Devices;

/// <summary>The list of provisioned device ids (singleton, key 0), for listing and fleet queries.</summary>
[Alias("SpeakerHub.IDeviceDirectoryGrain")]
public interface IDeviceDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task Add(string deviceId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List(int skip, int take);

    [Alias("Count")]
    Task<int> Count();
}
