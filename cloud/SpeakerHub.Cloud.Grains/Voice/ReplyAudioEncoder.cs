using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Voice;

/// <summary>
/// Turns synthesized 16 kHz PCM, in chunks of any size, into <see cref="ReplyAudio"/> messages for
/// <c>down/reply</c>: 20 ms IMA-ADPCM blocks, a small first message so playback starts early, larger
/// ones after, and an explicitly final last message. One instance per reply.
/// </summary>
public sealed class ReplyAudioEncoder(uint interactionId, int firstChunkFrames, int chunkFrames)
{
    public const int MaxFramesPerMessage = ReplyAudio.MaxFrames;

    private readonly AdpcmEncoder encoder = new();
    private readonly short[] frame = new short[VoiceChunk.FrameSamples];
    private readonly byte[] blocks = new byte[MaxFramesPerMessage * VoiceChunk.BlockLength];
    private int frameFill;
    private int pendingFrames;
    private int framesSent;
    private bool finished;

    /// <summary>Frames put into messages so far: the reply's length in 20 ms units.</summary>
    public int FramesEncoded => framesSent + pendingFrames;

    /// <summary>Adds synthesized samples; returns the messages that became complete (often none).</summary>
    public IReadOnlyList<OutgoingReplyAudio> Add(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        List<OutgoingReplyAudio>? ready = null;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, frame.Length - frameFill);
            samples[..take].CopyTo(frame.AsSpan(frameFill));
            frameFill += take;
            samples = samples[take..];
            if (frameFill < frame.Length)
            {
                break;
            }

            EncodeFrame();
            if (pendingFrames == CurrentChunkFrames)
            {
                (ready ??= []).Add(Flush(final: false));
            }
        }

        return ready ?? (IReadOnlyList<OutgoingReplyAudio>)[];
    }

    /// <summary>Pads the last partial frame with silence and returns the final message (possibly empty).</summary>
    public OutgoingReplyAudio Finish()
    {
        ObjectDisposedException.ThrowIf(finished, this);
        if (frameFill > 0)
        {
            Array.Clear(frame, frameFill, frame.Length - frameFill);
            frameFill = frame.Length;
            EncodeFrame();
        }

        var last = Flush(final: true);
        finished = true;
        return last;
    }

    private int CurrentChunkFrames => framesSent == 0 ? firstChunkFrames : chunkFrames;

    private void EncodeFrame()
    {
        encoder.Encode(frame, 0, frame.Length, blocks, pendingFrames * VoiceChunk.BlockLength);
        pendingFrames++;
        frameFill = 0;
    }

    private OutgoingReplyAudio Flush(bool final)
    {
        var message = new ReplyAudio
        {
            CorrelationId = interactionId,
            Sequence = (uint)framesSent,
            Flags = final ? Envelope.FlagFinal : (byte)0,
            FrameCount = pendingFrames,
            Format = VoiceChunk.FormatAdpcm16kHz20ms,
        };
        message.SetBlocks(blocks, 0, pendingFrames * VoiceChunk.BlockLength);
        var outgoing = new OutgoingReplyAudio(framesSent, pendingFrames, message.ToBytes());
        framesSent += pendingFrames;
        pendingFrames = 0;
        return outgoing;
    }
}

/// <summary>One encoded reply-audio message and where its audio sits in the reply (in 20 ms frames).</summary>
public sealed record OutgoingReplyAudio(int FirstFrame, int FrameCount, byte[] Payload);
