using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeakerHub.Simulator.Say;

/// <summary>
/// The line <c>say --json</c> prints. Its field names are a contract other tools read: add fields,
/// never rename or remove one. <see cref="LatencyMs"/> is last uplink frame → first reply audio, as the
/// device measured it (null when the reply came without audio).
/// </summary>
public sealed record SayOutcome(
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("transcript")] string? Transcript,
    [property: JsonPropertyName("intent")] string? Intent,
    [property: JsonPropertyName("slots")] IReadOnlyDictionary<string, string> Slots,
    [property: JsonPropertyName("reply")] string Reply,
    [property: JsonPropertyName("latencyMs")] double? LatencyMs,
    [property: JsonPropertyName("interactionId")] uint InteractionId,
    [property: JsonPropertyName("replyAudioMs")] double ReplyAudioMs,
    [property: JsonPropertyName("expectsFollowUp")] bool ExpectsFollowUp)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    public string ToText() =>
        $"{Device} heard \"{Transcript}\" → {Intent} {string.Join(' ', Slots.Select(slot => $"{slot.Key}={slot.Value}"))}".TrimEnd()
        + $"\n{Device} replied \"{Reply}\" ({(LatencyMs is { } latency ? $"{latency:0} ms to first audio, " : string.Empty)}{ReplyAudioMs / 1000:0.0} s of audio)";
}
