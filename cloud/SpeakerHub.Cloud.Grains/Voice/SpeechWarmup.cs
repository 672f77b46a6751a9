using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Speech.Recognition;
using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.Cloud.Grains.Voice;

/// <summary>
/// Compiles the grammar, creates a first decoder and loads espeak-ng while the host starts, so the
/// first person to speak after a restart does not wait for them (measured: several hundred ms cold).
/// A failure here is logged, not fatal: the same work is retried on the first utterance.
/// </summary>
public sealed class SpeechWarmup(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer, ILogger<SpeechWarmup> logger) : IHostedService
{
    private const string Sample = "ready";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            using (var stream = await recognizer.StartAsync(RecognitionMode.Command, cancellationToken))
            {
                stream.Accept(new short[Protocol.Messages.VoiceChunk.FrameSamples]);
                stream.Finish();
            }

            await foreach (var _ in synthesizer.SynthesizeAsync(Sample, cancellationToken: cancellationToken))
            {
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Speech warm-up failed; the first utterance will pay for it");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
