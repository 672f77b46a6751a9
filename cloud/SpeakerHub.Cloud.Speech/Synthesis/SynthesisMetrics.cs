using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>
/// Speech synthesis figures (meter <see cref="MeterName"/>), tagged by voice name. The first-chunk
/// latency is the synthesis share of the voice reply budget (docs/architecture.md); it counts from the
/// request, so time spent queued behind other replies on the one espeak-ng synthesizer is included.
/// </summary>
public sealed class SynthesisMetrics : IDisposable
{
    public const string MeterName = "SpeakerHub.Speech.Synthesis";
    public const string ChunksInstrument = "speakerhub.speech.synthesis.chunks";
    public const string FirstChunkInstrument = "speakerhub.speech.synthesis.first_chunk";
    public const string BusyInstrument = "speakerhub.speech.synthesis.busy";
    public const string AudioInstrument = "speakerhub.speech.synthesis.audio";
    public const string VoiceTag = "voice";

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> chunks;
    private readonly Histogram<double> firstChunk;
    private readonly Histogram<double> busy;
    private readonly Counter<double> audio;

    /// <param name="meterFactory">The host's factory; without one the meter is created (and disposed) here.</param>
    internal SynthesisMetrics(IMeterFactory? meterFactory)
    {
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        chunks = meter.CreateCounter<long>(ChunksInstrument, "{chunk}", "Audio chunks handed to listeners.");
        firstChunk = meter.CreateHistogram<double>(FirstChunkInstrument, "s", "From a request to its first audio chunk.");
        busy = meter.CreateHistogram<double>(BusyInstrument, "s", "Time the synthesizer spent on one request.");
        audio = meter.CreateCounter<double>(AudioInstrument, "s", "Audio produced.");
    }

    /// <summary>Recorded on the synthesizer thread just after the chunk became readable by its listener.</summary>
    internal void ChunkDelivered(string voice, long requestedAt, bool first, int samples, int sampleRate)
    {
        var tag = new KeyValuePair<string, object?>(VoiceTag, voice);
        if (first)
        {
            firstChunk.Record(Stopwatch.GetElapsedTime(requestedAt).TotalSeconds, tag);
        }

        audio.Add((double)samples / sampleRate, tag);
        chunks.Add(1, tag);
    }

    internal void Finished(string voice, long startedAt) =>
        busy.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>(VoiceTag, voice));

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}
