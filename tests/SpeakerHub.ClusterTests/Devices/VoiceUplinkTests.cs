using SpeakerHub.Cloud.Grains.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class VoiceUplinkTests(DeviceClusterFixture fixture)
{
    [Fact]
    public async Task Voice_chunks_are_accepted_and_only_the_final_one_is_answered_with_the_interaction_id()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        var before = await speaker.SnapshotAsync();
        speaker.Downlink.Clear();

        await speaker.SendAsync(Topics.Voice, Chunk(interactionId: 0x0001_0005, firstFrame: 0, frames: 3, final: false));
        await speaker.SendAsync(Topics.Voice, Chunk(interactionId: 0x0001_0005, firstFrame: 3, frames: 3, final: false));
        Assert.Empty(speaker.Downlink.Sent);

        await speaker.SendAsync(Topics.Voice, Chunk(interactionId: 0x0001_0005, firstFrame: 6, frames: 2, final: true));

        var reply = Assert.Single(speaker.Downlink.Replies());
        Assert.Equal((0x0001_0005u, DeviceGrain.VoiceNotAvailableSpeech), (reply.CorrelationId, reply.Text));
        Assert.False(reply.ExpectsFollowUp);
        Assert.Equal(before.Desired, (await speaker.SnapshotAsync()).Desired);
    }

    private static VoiceChunk Chunk(uint interactionId, uint firstFrame, int frames, bool final)
    {
        var pcm = new short[VoiceChunk.FrameSamples * frames];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / VoiceChunk.SampleRate));
        }

        var blocks = new byte[VoiceChunk.BlockLength * frames];
        var encoder = new AdpcmEncoder();
        for (var frame = 0; frame < frames; frame++)
        {
            encoder.Encode(pcm, frame * VoiceChunk.FrameSamples, VoiceChunk.FrameSamples, blocks, frame * VoiceChunk.BlockLength);
        }

        var chunk = new VoiceChunk
        {
            CorrelationId = interactionId,
            Sequence = firstFrame,
            Flags = final ? Envelope.FlagFinal : (byte)0,
            FrameCount = frames,
            Format = VoiceChunk.FormatAdpcm16kHz20ms,
        };
        chunk.SetBlocks(blocks, 0, blocks.Length);
        return chunk;
    }
}
