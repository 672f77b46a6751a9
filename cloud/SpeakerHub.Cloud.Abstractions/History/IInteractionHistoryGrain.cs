namespace SpeakerHub.Cloud.Abstractions.History;

/// <summary>
/// The interaction history of one device (key: device id), bounded to the most recent interactions.
/// Utterance audio is kept only while the owner has opted in for this device; otherwise it is dropped
/// on arrival, and opting out deletes what was kept.
/// </summary>
[Alias("SpeakerHub.IInteractionHistoryGrain")]
public interface IInteractionHistoryGrain : IGrainWithStringKey
{
    /// <summary>Largest page <see cref="GetPage"/> returns.</summary>
    const int MaxPageSize = 100;

    /// <summary>
    /// Appends an interaction, dropping the oldest beyond the limit. <paramref name="adpcmAudio"/> is the
    /// utterance as received (whole ADPCM blocks); it is stored only when <see cref="KeepsAudio"/>.
    /// The device grain calls this after answering; a failure here must not fail the interaction.
    /// </summary>
    [Alias("Record")]
    Task Record(InteractionRecord record, byte[]? adpcmAudio);

    /// <summary>Whether audio is kept, so the device grain can skip collecting it (default false).</summary>
    [Alias("KeepsAudio")]
    Task<bool> KeepsAudio();

    /// <summary>Opts in or out of keeping audio; opting out deletes every kept clip of this device.</summary>
    [Alias("SetKeepAudio")]
    Task SetKeepAudio(bool keep);

    /// <summary>Up to <paramref name="limit"/> entries older than sequence <paramref name="before"/> (all when null), newest first.</summary>
    [Alias("GetPage")]
    Task<HistoryPage> GetPage(int limit, long? before);

    /// <summary>The kept audio of the newest interaction with this id, or null when none was kept.</summary>
    [Alias("GetAudio")]
    Task<InteractionAudio?> GetAudio(uint interactionId);

    /// <summary>Deletes every record and clip; the audio setting stays.</summary>
    [Alias("Clear")]
    Task Clear();
}
