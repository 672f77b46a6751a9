using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Devices;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>
/// Every provisioned device id, in provisioning order. One stored list is enough for a single box
/// and a modest fleet; a fleet in the hundreds of thousands would shard it by id prefix.
/// </summary>
[GenerateSerializer, Alias("SpeakerHub.DeviceDirectoryState")]
public sealed class DeviceDirectoryState
{
    [Id(0)]
    public List<string> DeviceIds { get; set; } = [];
}

public sealed class DeviceDirectoryGrain(
    [PersistentState("directory", "devices")] IPersistentState<DeviceDirectoryState> stored,
    IOptions<DeviceOptions> options) : Grain, IDeviceDirectoryGrain
{
    private HashSet<string>? known;

    private HashSet<string> Known => known ??= new HashSet<string>(stored.State.DeviceIds, StringComparer.Ordinal);

    public async Task Add(string deviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        if (!Known.Add(deviceId))
        {
            return;
        }

        stored.State.DeviceIds.Add(deviceId);
        try
        {
            await stored.WriteStateAsync();
        }
        catch
        {
            Known.Remove(deviceId);
            stored.State.DeviceIds.Remove(deviceId);
            throw;
        }
    }

    public Task<IReadOnlyList<string>> List(int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        take = Math.Min(take, options.Value.MaxDirectoryPageSize);
        IReadOnlyList<string> page = stored.State.DeviceIds.Skip(skip).Take(take).ToArray();
        return Task.FromResult(page);
    }

    public Task<int> Count() => Task.FromResult(stored.State.DeviceIds.Count);
}
