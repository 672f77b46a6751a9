using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Synthesis;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

/// <summary>
/// The spoken loop inside the device grain with the real recogniser and synthesizer: microphone audio
/// made by espeak-ng, streamed as the device streams it, answered with a reply and its audio.
/// </summary>
[Collection(DeviceClusterCollection.Name)]
public sealed class VoiceUplinkTests(DeviceClusterFixture fixture)
{
    private const uint InteractionId = 0x0001_0005;

    [Fact]
    public async Task Noise_after_a_button_press_gets_the_fallback_and_changes_nothing()
    {
        var speaker = await OnlineSpeakerAsync();
        var before = await speaker.SnapshotAsync();

        foreach (var chunk in Chunks(Tone(seconds: 1.2), InteractionId))
        {
            await speaker.SendAsync(Topics.Voice, chunk);
        }

        var reply = Assert.Single(speaker.Downlink.Replies());
        Assert.Equal((IntentRouter.FallbackSpeech, false), (reply.Text, reply.ExpectsFollowUp));
        Assert.Equal(before.Desired, (await speaker.SnapshotAsync()).Desired);
    }

    [Fact]
    public async Task Speech_without_the_wake_phrase_that_opened_by_voice_is_answered_silently()
    {
        var speaker = await OnlineSpeakerAsync();

        foreach (var chunk in Chunks(await SpeakAsync("what time is it"), InteractionId, VoiceChunk.TriggerWake))
        {
            await speaker.SendAsync(Topics.Voice, chunk);
        }

        var reply = Assert.Single(speaker.Downlink.Replies());
        Assert.Equal((string.Empty, false), (reply.Text, reply.AudioFollows));
        Assert.Empty(speaker.Downlink.ReplyAudio());
    }

    private async Task<TestSpeaker> OnlineSpeakerAsync()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        speaker.Downlink.Clear();
        return speaker;
    }

    private static async Task<short[]> SpeakAsync(string text)
    {
        var samples = new List<short>(new short[VoiceChunk.SampleRate / 4]);
        await foreach (var chunk in Speech.Synthesizer.SynthesizeAsync(text))
        {
            samples.AddRange(chunk);
        }

        samples.AddRange(new short[VoiceChunk.SampleRate / 4]);
        return [.. samples];
    }

    private static short[] Tone(double seconds)
    {
        var random = new Random(7);
        return Enumerable.Range(0, (int)(seconds * VoiceChunk.SampleRate))
            .Select(i => (short)((6000 * Math.Sin(2 * Math.PI * 440 * i / VoiceChunk.SampleRate)) + random.Next(-3000, 3000)))
            .ToArray();
    }

    /// <summary>The device's framing: 20 ms IMA-ADPCM blocks, three per chunk, the last chunk final.</summary>
    private static List<VoiceChunk> Chunks(short[] pcm, uint interactionId, byte trigger = VoiceChunk.TriggerButton)
    {
        var frames = pcm.Length / VoiceChunk.FrameSamples;
        var encoder = new AdpcmEncoder();
        var chunks = new List<VoiceChunk>();
        for (var first = 0; first < frames; first += VoiceChunk.MaxFrames)
        {
            var count = Math.Min(VoiceChunk.MaxFrames, frames - first);
            var blocks = new byte[VoiceChunk.BlockLength * count];
            for (var frame = 0; frame < count; frame++)
            {
                encoder.Encode(pcm, (first + frame) * VoiceChunk.FrameSamples, VoiceChunk.FrameSamples, blocks, frame * VoiceChunk.BlockLength);
            }

            var chunk = new VoiceChunk
            {
                CorrelationId = interactionId,
                Sequence = (uint)first,
                Flags = first + count >= frames ? Envelope.FlagFinal : (byte)0,
                FrameCount = count,
                Format = VoiceChunk.FormatAdpcm16kHz20ms,
                Trigger = trigger,
            };
            chunk.SetBlocks(blocks, 0, blocks.Length);
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>One synthesizer for the test process, as a silo has one.</summary>
    private static class Speech
    {
        public static readonly SpeechSynthesizer Synthesizer = new(Microsoft.Extensions.Options.Options.Create(new SynthesisOptions()));
    }
}
