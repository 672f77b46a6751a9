using SpeakerHub.Cloud.Abstractions.History;

namespace SpeakerHub.Cloud.Grains.History;

[GenerateSerializer, Alias("SpeakerHub.InteractionAudioState")]
public sealed class InteractionAudioState
{
    [Id(0)]
    public long Sequence { get; set; }

    [Id(1)]
    public byte[]? AdpcmBlocks { get; set; }
}

/// <summary>
/// One clip slot. Each call ends the activation: clips are written once and read rarely, and up to
/// hundreds of kilobytes each would otherwise sit in silo memory until idle collection.
/// </summary>
public sealed class InteractionAudioGrain(
    [PersistentState("audio", "devices")] IPersistentState<InteractionAudioState> stored) : Grain, IInteractionAudioGrain
{
    public async Task Store(long sequence, byte[] adpcmBlocks)
    {
        ArgumentNullException.ThrowIfNull(adpcmBlocks);
        DeactivateOnIdle();
        stored.State = new InteractionAudioState { Sequence = sequence, AdpcmBlocks = adpcmBlocks };
        await stored.WriteStateAsync();
    }

    public Task<byte[]?> Load(long sequence)
    {
        DeactivateOnIdle();
        return Task.FromResult(stored.State.Sequence == sequence ? stored.State.AdpcmBlocks : null);
    }

    public async Task Delete()
    {
        DeactivateOnIdle();
        if (stored.RecordExists)
        {
            await stored.ClearStateAsync();
        }
    }
}
