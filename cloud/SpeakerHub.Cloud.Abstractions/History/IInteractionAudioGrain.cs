namespace SpeakerHub.Cloud.Abstractions.History;

/// <summary>
/// One slot for a kept audio clip (key: <c>{deviceId}/{slot}</c>), a storage row of its own so the
/// history state stays small. A device reuses its slots, so it never has more rows than the clip
/// limit; each clip names the history entry it belongs to, and a read for any other entry finds
/// nothing. Only <see cref="IInteractionHistoryGrain"/> stores, reads and deletes clips.
/// </summary>
[Alias("SpeakerHub.IInteractionAudioGrain")]
public interface IInteractionAudioGrain : IGrainWithStringKey
{
    [Alias("Store")]
    Task Store(long sequence, byte[] adpcmBlocks);

    /// <summary>The clip of history entry <paramref name="sequence"/>, or null when this slot does not hold it.</summary>
    [Alias("Load")]
    Task<byte[]?> Load(long sequence);

    [Alias("Delete")]
    Task Delete();
}
