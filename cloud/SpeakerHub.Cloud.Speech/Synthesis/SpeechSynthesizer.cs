using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Speech.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>
/// Text to speech with espeak-ng, streamed as 16 kHz mono 16-bit PCM. Safe to call from any thread:
/// requests queue for the process's one espeak-ng synthesizer (<see cref="EspeakEngine"/>), which runs
/// them one at a time at roughly a thousand times real time, and each caller receives its own audio
/// chunk by chunk while its text is still being synthesized.
/// </summary>
public sealed class SpeechSynthesizer : IDisposable
{
    public const int OutputSampleRate = AudioChunk.SampleRate;

    private readonly EspeakEngine engine;
    private readonly SynthesisMetrics metrics;
    private readonly int volume;
    private readonly CancellationTokenSource disposal = new();

    public SpeechSynthesizer(IOptions<SynthesisOptions> options, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var validation = new SynthesisOptionsValidator().Validate(Options.DefaultName, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SynthesisOptions), validation.Failures);
        }

        DefaultVoice = settings.DefaultVoice();
        volume = settings.Volume;
        engine = EspeakEngine.Shared(settings.BufferMilliseconds);
        metrics = new SynthesisMetrics(meterFactory);
    }

    /// <summary>The configured voice, used when a request names none.</summary>
    public SynthesisVoice DefaultVoice { get; }

    /// <summary>
    /// Speaks <paramref name="text"/> (plain text, never SSML) as chunks of 16 kHz mono PCM; the first
    /// chunk is ready about one espeak-ng buffer after the request reaches the synthesizer. Chunks have
    /// no fixed size. Text with nothing to say yields no chunks.
    /// </summary>
    /// <exception cref="ArgumentException">espeak-ng does not know the voice (thrown while enumerating).</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled or this synthesizer disposed; the text's synthesis
    /// stops too. A caller that stops enumerating early also stops it.
    /// </exception>
    public async IAsyncEnumerable<short[]> SynthesizeAsync(
        string text,
        SynthesisVoice? voice = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(disposal.IsCancellationRequested, this);
        var speakable = SpeakableText.ToEspeakInput(text);
        if (speakable is null)
        {
            yield break;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposal.Token);
        var chunks = Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        // Unbounded on purpose: the engine must never wait for a slow listener, or every other reply
        // would wait too. A text's audio is small (~32 KB per second).
        var job = new SynthesisJob(speakable, voice ?? DefaultVoice, volume, chunks.Writer, metrics, cancellation.Token);
        engine.Enqueue(job);
        PolyphaseResampler? resampler = null;
        try
        {
            // Resampled here, on the caller's thread, so the shared espeak-ng thread only synthesizes.
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellation.Token))
            {
                resampler ??= new PolyphaseResampler(job.SampleRate, OutputSampleRate);
                var output = new short[resampler.MaxOutputLength(chunk.Length)];
                var length = resampler.Process(chunk, output);
                if (length > 0)
                {
                    yield return length == output.Length ? output : output[..length];
                }
            }

            if (resampler is not null)
            {
                var tail = new short[resampler.MaxOutputLength(0)];
                var length = resampler.Flush(tail);
                if (length > 0)
                {
                    yield return tail[..length];
                }
            }
        }
        finally
        {
            // Also reached when the caller stops enumerating early: free the synthesizer for others.
            await cancellation.CancelAsync();
        }
    }

    /// <summary>Cancels this instance's requests. The process's espeak-ng thread stays for other instances.</summary>
    public void Dispose()
    {
        if (disposal.IsCancellationRequested)
        {
            return;
        }

        disposal.Cancel();
        disposal.Dispose();
        metrics.Dispose();
    }
}
