using SpeakerHub.Cloud.Abstractions.History;

namespace SpeakerHub.Cloud.Grains.History;

/// <summary>What a history grain stores: records only, oldest first. Audio lives in clip slots of its own.</summary>
[GenerateSerializer, Alias("SpeakerHub.InteractionHistoryState")]
public sealed class InteractionHistoryState
{
    [Id(0)]
    public List<StoredInteraction> Interactions { get; set; } = [];

    /// <summary>Never reset, not even by a wipe: a cursor or clip from before must not name a new entry.</summary>
    [Id(1)]
    public long NextSequence { get; set; } = 1;

    [Id(2)]
    public bool KeepAudio { get; set; }
}

/// <summary>A record and, when its audio is kept, the clip slot holding it.</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.StoredInteraction")]
public sealed record StoredInteraction(
    [property: Id(0)] long Sequence,
    [property: Id(1)] InteractionRecord Record,
    [property: Id(2)] int? ClipSlot)
{
    public HistoryEntry ToEntry() => new(Sequence, Record, ClipSlot is not null);
}
