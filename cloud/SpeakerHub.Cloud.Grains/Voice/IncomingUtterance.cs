using System.Diagnostics;
using SpeakerHub.Cloud.Speech.Recognition;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Voice;

/// <summary>
/// One utterance arriving from a device: each chunk's frames are decoded and fed to a pooled
/// recogniser as they land, so the transcript is ready as soon as the final chunk is in. Chunks are
/// placed by sequence: a duplicate is skipped, a hole is filled with silence (up to a limit) so the
/// recogniser's timing stays right. Owned by one device grain; not thread-safe.
/// </summary>
public sealed class IncomingUtterance : IDisposable
{
    private readonly RecognitionStream recognition;
    private readonly VoiceOptions options;
    private readonly short[] pcm = new short[VoiceChunk.FrameSamples];
    private readonly MemoryStream? keptAudio;
    private int nextFrame;
    private bool disposed;

    public IncomingUtterance(uint interactionId, byte trigger, RecognitionStream recognition, VoiceOptions options, bool keepAudio)
    {
        InteractionId = interactionId;
        Trigger = trigger;
        this.recognition = recognition;
        this.options = options;
        keptAudio = keepAudio ? new MemoryStream() : null;
        StartedAt = Stopwatch.GetTimestamp();
        LastChunkAt = StartedAt;
    }

    public uint InteractionId { get; }

    /// <summary>The device's trigger (<see cref="VoiceChunk.TriggerButton"/>, wake, follow-up).</summary>
    public byte Trigger { get; }

    public bool WakeTriggered => Trigger == VoiceChunk.TriggerWake;

    /// <summary>Frames fed to the recogniser, concealed ones included.</summary>
    public int Frames => nextFrame;

    public int DuplicateFrames { get; private set; }

    public int ConcealedFrames { get; private set; }

    /// <summary><see cref="Stopwatch"/> timestamps of the first and latest chunk.</summary>
    public long StartedAt { get; }

    public long LastChunkAt { get; private set; }

    /// <summary>Adds one chunk; false once the utterance is longer than any the device sends (it is then ignored).</summary>
    public bool Add(VoiceChunk chunk)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        LastChunkAt = Stopwatch.GetTimestamp();
        var first = (long)chunk.Sequence;
        if (first + chunk.FrameCount <= nextFrame)
        {
            DuplicateFrames += chunk.FrameCount;
            return true;
        }

        if (first > nextFrame)
        {
            Conceal((int)Math.Min(first - nextFrame, options.MaxConcealedFrames));
            nextFrame = (int)Math.Min(first, int.MaxValue);
        }

        for (var frame = (int)(nextFrame - first); frame < chunk.FrameCount; frame++)
        {
            if (nextFrame >= options.MaxUtteranceFrames)
            {
                return false;
            }

            var offset = chunk.BlockOffset(frame);
            AdpcmDecoder.Decode(chunk.Blocks, offset, VoiceChunk.BlockLength, pcm, 0);
            recognition.Accept(pcm);
            keptAudio?.Write(chunk.Blocks, offset, VoiceChunk.BlockLength);
            nextFrame++;
        }

        return true;
    }

    /// <summary>Ends recognition: the transcript of everything fed so far.</summary>
    public RecognitionResult Finish() => recognition.Finish();

    /// <summary>The utterance's ADPCM blocks as received, when the owner keeps audio; otherwise null.</summary>
    public byte[]? KeptAudio() => keptAudio?.ToArray();

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            recognition.Dispose();
            keptAudio?.Dispose();
        }
    }

    private void Conceal(int frames)
    {
        Array.Clear(pcm);
        for (var i = 0; i < frames && nextFrame + i < options.MaxUtteranceFrames; i++)
        {
            recognition.Accept(pcm);
        }

        ConcealedFrames += frames;
    }
}
