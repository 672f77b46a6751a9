using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.ClusterTests.Devices;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.ClusterTests.Skills;

/// <summary>
/// A provisioned speaker of some owner, online through a recording downlink, as the skills see it:
/// sentences go in through <see cref="SayAsync"/>, announcements come out on the downlink.
/// </summary>
public sealed class Speaker
{
    public const string AnnouncementIntent = "Announcement";

    // Long enough for a loaded machine; the loop ends as soon as the announcement is there.
    private static readonly TimeSpan AnnouncementPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly IDownlink downlinkReference;

    private Speaker(IClusterClient client, string deviceId, string? ownerId)
    {
        DeviceId = deviceId;
        OwnerId = ownerId;
        Grain = client.GetDevice(deviceId);

        // The reference holds the object weakly; this instance keeps it alive for the whole test.
        downlinkReference = client.CreateObjectReference<IDownlink>(Downlink);
    }

    public string DeviceId { get; }

    public string? OwnerId { get; }

    public IDeviceGrain Grain { get; }

    public RecordingDownlink Downlink { get; } = new();

    /// <summary>A new online speaker; a new owner too unless <paramref name="withoutOwner"/>.</summary>
    public static async Task<Speaker> StartAsync(IClusterClient client, bool withoutOwner = false, string? ownerId = null)
    {
        var speaker = new Speaker(client, "spk-" + Guid.NewGuid().ToString("N"), withoutOwner ? null : ownerId ?? NewOwnerId());
        await speaker.Grain.Provision("sh-mini", speaker.OwnerId);
        await speaker.Grain.OnConnected("session-1", speaker.downlinkReference);
        return speaker;
    }

    public static string NewOwnerId() => "owner-" + Guid.NewGuid().ToString("N");

    public Task<InteractionResult> SayAsync(string text) => Grain.Say(text);

    public IReadOnlyList<Reply> Announcements() =>
        Downlink.Replies().Where(reply => reply.Intent == AnnouncementIntent).ToArray();

    /// <summary>Waits until at least <paramref name="count"/> announcements arrived and returns them all.</summary>
    public async Task<IReadOnlyList<Reply>> WaitForAnnouncementsAsync(int count)
    {
        using var patience = new CancellationTokenSource(AnnouncementPatience);
        while (Announcements().Count < count)
        {
            await Task.Delay(PollInterval, patience.Token);
        }

        return Announcements();
    }
}
