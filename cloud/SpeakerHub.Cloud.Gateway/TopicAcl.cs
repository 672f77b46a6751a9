using SpeakerHub.Protocol;

namespace SpeakerHub.Cloud.Gateway;

/// <summary>
/// The broker ACL of docs/protocol.md §Topics: a device publishes only to <c>sh/d/{own id}/up/{kind}</c>
/// with a kind the protocol defines, and subscribes only at or below <c>sh/d/{own id}/down/</c>. Checks
/// run on every publish, so they compare spans instead of splitting the topic into new strings.
/// </summary>
public static class TopicAcl
{
    private const string UpLevel = "/" + Topics.UpSegment + "/";
    private const string DownLevel = "/" + Topics.DownSegment + "/";

    private static readonly string[] UplinkKinds =
    [
        Topics.Hello, Topics.Status, Topics.Telemetry, Topics.Twin, Topics.Voice, Topics.Result, Topics.Event, Topics.Ota,
    ];

    private static readonly string[] DownlinkKinds =
    [
        Topics.Twin, Topics.Command, Topics.Reply, Topics.Card, Topics.Ota, Topics.Media,
    ];

    /// <summary>
    /// True when <paramref name="topic"/> is <c>sh/d/{deviceId}/up/{kind}</c> with a known kind; the kind
    /// comes back as the protocol's own constant, so nothing is allocated per message.
    /// </summary>
    public static bool TryMatchOwnUplink(string deviceId, string? topic, out string kind)
    {
        kind = string.Empty;
        return TryStripOwnLevel(deviceId, topic, UpLevel, out var rest) && TryFindKind(UplinkKinds, rest, out kind);
    }

    /// <summary>
    /// True when <paramref name="filter"/> selects nothing outside <c>sh/d/{deviceId}/down/</c>: wildcards
    /// are fine below <c>down/</c>, never above it, and shared subscriptions are never granted.
    /// </summary>
    public static bool IsOwnDownlinkFilter(string deviceId, string? filter)
    {
        return TryStripOwnLevel(deviceId, filter, DownLevel, out var rest) && !rest.IsEmpty;
    }

    public static bool IsDownlinkKind(string kind) => TryFindKind(DownlinkKinds, kind, out _);

    /// <summary>Strips <c>sh/d/{deviceId}{level}</c> off <paramref name="topic"/>; false if it does not start so.</summary>
    private static bool TryStripOwnLevel(string deviceId, string? topic, string level, out ReadOnlySpan<char> rest)
    {
        rest = topic;
        return topic is not null
            && TryConsume(ref rest, Topics.Root)
            && TryConsume(ref rest, deviceId)
            && TryConsume(ref rest, level);
    }

    private static bool TryConsume(ref ReadOnlySpan<char> rest, string expected)
    {
        if (!rest.StartsWith(expected, StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[expected.Length..];
        return true;
    }

    private static bool TryFindKind(string[] kinds, ReadOnlySpan<char> candidate, out string kind)
    {
        foreach (var known in kinds)
        {
            if (candidate.SequenceEqual(known))
            {
                kind = known;
                return true;
            }
        }

        kind = string.Empty;
        return false;
    }
}
