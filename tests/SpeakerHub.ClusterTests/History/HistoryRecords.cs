using SpeakerHub.Cloud.Abstractions.History;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.ClusterTests.History;

/// <summary>Interactions and utterance audio as the device grain hands them to the history.</summary>
public static class HistoryRecords
{
    public static string NewDeviceId() => "hist-" + Guid.NewGuid().ToString("N");

    public static InteractionRecord Voice(uint interactionId, string transcript = "what time is it") => new(
        interactionId,
        DateTimeOffset.UtcNow,
        InteractionSource.Voice,
        InteractionTrigger.Button,
        transcript,
        "GetTime",
        new Dictionary<string, string>(),
        "It's noon.",
        InteractionOutcome.Answered,
        AudioMs: 1200,
        RecognitionMs: 2,
        UnderstandingMs: 0.1,
        SkillMs: 0.2,
        FirstAudioMs: 40,
        TotalMs: 45);

    /// <summary>A tone as ADPCM blocks of one 20 ms frame each, encoded like the firmware does.</summary>
    public static byte[] Utterance(int frames)
    {
        var encoder = new AdpcmEncoder();
        var samples = new short[VoiceChunk.FrameSamples];
        var blocks = new byte[frames * VoiceChunk.BlockLength];
        for (var frame = 0; frame < frames; frame++)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * ((frame * samples.Length) + i) / VoiceChunk.SampleRate));
            }

            encoder.Encode(samples, 0, samples.Length, blocks, frame * VoiceChunk.BlockLength);
        }

        return blocks;
    }
}
