using System.Globalization;

namespace SpeakerHub.Cloud.Abstractions.History;

public static class HistoryGrainFactoryExtensions
{
    public static IInteractionHistoryGrain GetHistory(this IGrainFactory grains, string deviceId) =>
        grains.GetGrain<IInteractionHistoryGrain>(deviceId);

    public static IInteractionAudioGrain GetAudioSlot(this IGrainFactory grains, string deviceId, int slot) =>
        grains.GetGrain<IInteractionAudioGrain>(string.Create(CultureInfo.InvariantCulture, $"{deviceId}/{slot}"));
}
