using Orleans;
using Orleans.Runtime;

namespace SpeakerHub.ClusterTests.Storage;

[GenerateSerializer]
public sealed record ProbeSettings
{
    [Id(0)]
    public string RoomName { get; init; } = string.Empty;

    [Id(1)]
    public int Volume { get; init; }
}

/// <summary>A grain that exists only to exercise the "devices" grain storage from inside a silo.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task SaveAsync(ProbeSettings settings);

    Task<ProbeSettings> LoadAsync();

    /// <summary>Differs between activations, so a test can prove the grain really was deactivated.</summary>
    Task<Guid> GetActivationIdAsync();
}

public sealed class StorageProbeGrain(
    [PersistentState("state", "devices")] IPersistentState<ProbeSettings> storedSettings) : Grain, IStorageProbeGrain
{
    private readonly Guid activationId = Guid.NewGuid();

    public async Task SaveAsync(ProbeSettings settings)
    {
        storedSettings.State = settings;
        await storedSettings.WriteStateAsync();
    }

    public Task<ProbeSettings> LoadAsync() => Task.FromResult(storedSettings.State);

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(activationId);
}
