using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.History;
using SpeakerHub.Protocol.Messages;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.History;

/// <summary>
/// A device's recent interactions, oldest first in state and newest first to readers. Clips are
/// deleted before the state that stops naming them is written, so a failure can leave a record
/// without its audio but never audio that no record names.
/// </summary>
public sealed class InteractionHistoryGrain(
    [PersistentState("history", "devices")] IPersistentState<InteractionHistoryState> stored,
    IOptions<HistoryOptions> options,
    ILogger<InteractionHistoryGrain> logger) : Grain, IInteractionHistoryGrain
{
    private const int FramesPerSecond = 1000 / VoiceChunk.FrameMilliseconds;

    private string DeviceId => this.GetPrimaryKeyString();

    private List<StoredInteraction> Interactions => stored.State.Interactions;

    public async Task Record(InteractionRecord record, byte[]? adpcmAudio)
    {
        ArgumentNullException.ThrowIfNull(record);
        var limits = options.Value;

        // Audio of a device that did not opt in goes no further than this line.
        var clip = stored.State.KeepAudio ? WholeBlocks(adpcmAudio, limits.MaxAudioSeconds) : null;

        var freed = new List<int>();
        while (Interactions.Count >= limits.MaxInteractions)
        {
            if (Interactions[0].ClipSlot is { } slot)
            {
                freed.Add(slot);
            }

            Interactions.RemoveAt(0);
        }

        int? clipSlot = clip is null ? null : MakeRoomForClip(limits.MaxAudioClips, freed);
        var sequence = stored.State.NextSequence++;
        Interactions.Add(new StoredInteraction(sequence, record, clipSlot));

        await DeleteClips(freed);
        await Persist();
        if (clip is not null && clipSlot is { } newSlot)
        {
            await StoreClip(sequence, newSlot, clip);
        }
    }

    public Task<bool> KeepsAudio() => Task.FromResult(stored.State.KeepAudio);

    public async Task SetKeepAudio(bool keep)
    {
        var slots = Interactions.Where(entry => entry.ClipSlot is not null).Select(entry => entry.ClipSlot!.Value).ToList();
        if (keep == stored.State.KeepAudio && (keep || slots.Count == 0))
        {
            return;
        }

        // The choice is stored first: if deleting fails part way, no new audio is kept meanwhile and a
        // retry still finds every clip to delete.
        stored.State.KeepAudio = keep;
        await Persist();
        logger.LogInformation("Device {DeviceId} {Choice} keeping audio", DeviceId, keep ? "opted in to" : "opted out of");
        if (keep)
        {
            return;
        }

        await DeleteClips(slots);
        for (var i = 0; i < Interactions.Count; i++)
        {
            Interactions[i] = Interactions[i] with { ClipSlot = null };
        }

        await Persist();
    }

    public Task<HistoryPage> GetPage(int limit, long? before)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        limit = Math.Min(limit, IInteractionHistoryGrain.MaxPageSize);

        // Sequences grow with the index, so the entries older than the cursor are a prefix.
        var end = before is { } cursor ? Interactions.FindLastIndex(entry => entry.Sequence < cursor) + 1 : Interactions.Count;
        var start = Math.Max(0, end - limit);
        var page = new HistoryEntry[end - start];
        for (var i = 0; i < page.Length; i++)
        {
            page[i] = Interactions[end - 1 - i].ToEntry();
        }

        long? nextBefore = start > 0 ? Interactions[start].Sequence : null;
        return Task.FromResult(new HistoryPage(page, nextBefore));
    }

    public async Task<InteractionAudio?> GetAudio(uint interactionId)
    {
        var entry = Interactions.FindLast(candidate => candidate.Record.InteractionId == interactionId);
        if (entry?.ClipSlot is not { } slot)
        {
            return null;
        }

        var blocks = await GrainFactory.GetAudioSlot(DeviceId, slot).Load(entry.Sequence);
        return blocks is null ? null : new InteractionAudio(interactionId, blocks);
    }

    public async Task Clear()
    {
        var slots = Interactions.Where(entry => entry.ClipSlot is not null).Select(entry => entry.ClipSlot!.Value).ToList();
        await DeleteClips(slots);
        Interactions.Clear();
        await Persist();
        logger.LogInformation("Device {DeviceId} history wiped ({Clips} audio clips deleted)", DeviceId, slots.Count);
    }

    /// <summary>Drops the oldest clips until one more fits, then picks a slot no remaining clip uses.</summary>
    private int MakeRoomForClip(int maxClips, List<int> freed)
    {
        var used = new HashSet<int>();
        var kept = 0;
        for (var i = Interactions.Count - 1; i >= 0; i--)
        {
            if (Interactions[i].ClipSlot is not { } slot)
            {
                continue;
            }

            // Newest first: the first maxClips - 1 clips stay, every older one gives up its slot.
            if (++kept < maxClips)
            {
                used.Add(slot);
            }
            else
            {
                freed.Add(slot);
                Interactions[i] = Interactions[i] with { ClipSlot = null };
            }
        }

        // Fewer than maxClips slots are in use, so one below maxClips is free (even after the limit was lowered).
        return Enumerable.Range(0, maxClips).First(slot => !used.Contains(slot));
    }

    private async Task StoreClip(long sequence, int slot, byte[] clip)
    {
        try
        {
            await GrainFactory.GetAudioSlot(DeviceId, slot).Store(sequence, clip);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Audio of device {DeviceId} entry {Sequence} could not be kept", DeviceId, sequence);
            var index = Interactions.FindLastIndex(entry => entry.Sequence == sequence);
            Interactions[index] = Interactions[index] with { ClipSlot = null };
            await Persist();
        }
    }

    private Task DeleteClips(IEnumerable<int> slots) =>
        Task.WhenAll(slots.Distinct().Select(slot => GrainFactory.GetAudioSlot(DeviceId, slot).Delete()));

    /// <summary>Whole ADPCM blocks up to the length limit; null when there is not one whole block.</summary>
    private static byte[]? WholeBlocks(byte[]? audio, int maxSeconds)
    {
        var blocks = Math.Min((audio?.Length ?? 0) / VoiceChunk.BlockLength, maxSeconds * FramesPerSecond);
        if (blocks == 0)
        {
            return null;
        }

        var length = blocks * VoiceChunk.BlockLength;
        return length == audio!.Length ? audio : audio[..length];
    }

    private Task Persist() => stored.WriteOrDeactivateAsync(DeactivateOnIdle);
}
