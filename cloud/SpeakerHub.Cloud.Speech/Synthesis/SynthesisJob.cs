using System.Diagnostics;
using System.Threading.Channels;

namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>
/// One text on its way through the espeak-ng thread: it passes each buffer espeak-ng hands over, at
/// espeak-ng's own rate, to its listener's channel, and ends that channel with the outcome. The
/// listener resamples on its own thread: the one espeak-ng thread is shared by every reply, so it does
/// nothing but synthesize. Every method but the constructor runs on the <see cref="EspeakEngine"/> thread.
/// </summary>
internal sealed class SynthesisJob
{
    // Held-back silence is released in pieces of at most this many samples.
    private const int SilenceStep = 1024;

    private static readonly short[] Silence = new short[SilenceStep];

    private readonly ChannelWriter<short[]> listener;
    private readonly SynthesisMetrics metrics;
    private readonly long requestedAt = Stopwatch.GetTimestamp();
    private long startedAt;
    private int heldSilence;
    private bool delivered;
    private bool aborted;
    private Exception? failure;

    public SynthesisJob(
        byte[] text, SynthesisVoice voice, int volume, ChannelWriter<short[]> listener, SynthesisMetrics metrics, CancellationToken cancellationToken)
    {
        Text = text;
        Voice = voice;
        Volume = volume;
        this.listener = listener;
        this.metrics = metrics;
        CancellationToken = cancellationToken;
    }

    /// <summary>Zero-terminated UTF-8 (see <see cref="SpeakableText"/>).</summary>
    public byte[] Text { get; }

    public SynthesisVoice Voice { get; }

    public int Volume { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>espeak-ng's output rate; set before the first chunk is written, so a listener may read it then.</summary>
    public int SampleRate { get; private set; }

    public void Begin(int sampleRate)
    {
        SampleRate = sampleRate;
        startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Takes one buffer from espeak-ng's callback; returns <see cref="EspeakNative.Continue"/> or <see cref="EspeakNative.Abort"/>. Never throws.</summary>
    public int Accept(ReadOnlySpan<short> samples)
    {
        if (CancellationToken.IsCancellationRequested)
        {
            aborted = true;
            return EspeakNative.Abort;
        }

        try
        {
            // espeak-ng ends a text with a stretch of silence whose length depends on what it spoke
            // before (0–60 ms measured), so silence is held back until more sound follows and dropped
            // at the end: replies end when the speech does, and the same text gives the same audio.
            var lastSound = samples.LastIndexOfAnyExcept((short)0);
            if (lastSound < 0)
            {
                heldSilence += samples.Length;
                return EspeakNative.Continue;
            }

            while (heldSilence > 0)
            {
                var step = Math.Min(heldSilence, SilenceStep);
                Deliver(Silence.AsSpan(0, step));
                heldSilence -= step;
            }

            Deliver(samples[..(lastSound + 1)]);
            heldSilence = samples.Length - lastSound - 1;
            return EspeakNative.Continue;
        }
        catch (Exception exception)
        {
            failure = exception;
            return EspeakNative.Abort;
        }
    }

    /// <summary>Called when espeak_Synth has returned.</summary>
    public void End(EspeakNative.Status status)
    {
        if (failure is not null)
        {
            Fail(failure);
        }
        else if (aborted)
        {
            listener.TryComplete(new OperationCanceledException(CancellationToken));
        }
        else if (status != EspeakNative.Status.Ok)
        {
            Fail(new InvalidOperationException($"espeak-ng could not synthesize the text: {status}."));
        }
        else
        {
            metrics.Finished(Voice.Name, startedAt);
            listener.TryComplete();
        }
    }

    public void Fail(Exception exception) => listener.TryComplete(exception);

    private void Deliver(ReadOnlySpan<short> chunk)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        listener.TryWrite(chunk.ToArray());
        metrics.ChunkDelivered(Voice.Name, requestedAt, first: !delivered, chunk.Length, SampleRate);
        delivered = true;
    }
}
