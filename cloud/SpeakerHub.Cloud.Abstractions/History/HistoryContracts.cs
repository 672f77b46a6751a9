namespace SpeakerHub.Cloud.Abstractions.History;

/// <summary>
/// A recorded interaction. <see cref="Sequence"/> is the history's own counter (never reused, even
/// after a wipe), the cursor for paging: device interaction ids may repeat after a factory reset.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.HistoryEntry")]
public sealed record HistoryEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] InteractionRecord Record,
    [property: Id(2)] bool HasAudio);

/// <summary>Newest first; <see cref="NextBefore"/> is the <c>before</c> of the next (older) page, null on the last.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.HistoryPage")]
public sealed record HistoryPage([property: Id(0)] IReadOnlyList<HistoryEntry> Entries, [property: Id(1)] long? NextBefore);

/// <summary>
/// A kept utterance as the device sent it: IMA-ADPCM blocks of one 20 ms frame each (16 kHz mono,
/// <c>VoiceChunk.BlockLength</c> bytes per block), decodable with <c>AdpcmDecoder</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.InteractionAudio")]
public sealed record InteractionAudio([property: Id(0)] uint InteractionId, [property: Id(1)] byte[] AdpcmBlocks);
