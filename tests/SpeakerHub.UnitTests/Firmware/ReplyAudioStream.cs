using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// The cloud's side of one reply's voice: a tone encoded frame by frame as the cloud's encoder does,
/// cut into <see cref="ReplyAudio"/> chunks on demand, and the PCM a correct player must produce.
/// </summary>
internal sealed class ReplyAudioStream
{
    private readonly byte[] _blocks;

    public ReplyAudioStream(uint interactionId, int frames)
    {
        InteractionId = interactionId;
        Frames = frames;
        short[] pcm = MicrophoneFrames.Tone(frames, frequency: 330, amplitude: 6000).SelectMany(frame => frame).ToArray();
        _blocks = new byte[frames * VoiceChunk.BlockLength];
        AdpcmEncoder encoder = new();
        for (int frame = 0; frame < frames; frame++)
        {
            encoder.Encode(pcm, frame * VoiceChunk.FrameSamples, VoiceChunk.FrameSamples, _blocks, frame * VoiceChunk.BlockLength);
        }
    }

    public uint InteractionId { get; }

    public int Frames { get; }

    /// <summary>The reply announcing this audio.</summary>
    public Reply Reply(string text = "It is noon.", bool expectsFollowUp = false) =>
        new() { CorrelationId = InteractionId, Text = text, ExpectsFollowUp = expectsFollowUp, AudioFollows = true };

    /// <summary>Frames [first, first + count) as one chunk; final when it reaches the end (or when told).</summary>
    public ReplyAudio Chunk(int first, int count, bool? final = null)
    {
        ReplyAudio chunk = new()
        {
            CorrelationId = InteractionId,
            Sequence = (uint)first,
            FrameCount = count,
            Format = AudioChunk.FormatAdpcm16kHz20ms,
            Flags = (final ?? first + count == Frames) ? Envelope.FlagFinal : (byte)0,
        };
        chunk.SetBlocks(_blocks, first * VoiceChunk.BlockLength, count * VoiceChunk.BlockLength);
        return chunk;
    }

    /// <summary>All frames in chunks of <paramref name="framesPerChunk"/>, in order, the last one final.</summary>
    public IEnumerable<ReplyAudio> Chunks(int framesPerChunk)
    {
        for (int first = 0; first < Frames; first += framesPerChunk)
        {
            yield return Chunk(first, Math.Min(framesPerChunk, Frames - first));
        }
    }

    /// <summary>What a player must hand the speaker for <paramref name="frame"/>: its decoded block, or silence when concealed.</summary>
    public short[] Expected(int frame, bool concealed = false)
    {
        short[] pcm = new short[VoiceChunk.FrameSamples];
        if (!concealed)
        {
            AdpcmDecoder.Decode(_blocks, frame * VoiceChunk.BlockLength, VoiceChunk.BlockLength, pcm, 0);
        }

        return pcm;
    }

    public short[] ExpectedAll() => Enumerable.Range(0, Frames).SelectMany(frame => Expected(frame)).ToArray();
}
