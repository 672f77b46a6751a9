using System.Diagnostics.Metrics;
using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.SpeechTests.Synthesis;

/// <summary>
/// The meter factory of one <see cref="SpeechSynthesizer"/> under test, listening to that synthesizer's
/// metrics only. Chunk measurements are taken on the espeak-ng thread right after a chunk became
/// readable, so the probe can hold that thread at the first chunk — in the middle of a text — until the
/// test has done what it wants to do while the text is provably still being synthesized.
/// </summary>
public sealed class SynthesizerProbe : IMeterFactory
{
    // Only guards against a hung test run; no test result depends on how long anything takes.
    private static readonly TimeSpan DeadlockGuard = TimeSpan.FromMinutes(1);

    private readonly List<Meter> meters = [];
    private readonly MeterListener listener = new();
    private readonly ManualResetEventSlim release = new();
    private int heldChunks;
    private double audioSeconds;
    private int finishedTexts;

    public SynthesizerProbe()
    {
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Scope == this)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnChunk);
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    /// <summary>True once the synthesizer thread, held at the first chunk, was let go by <see cref="Release"/>.</summary>
    public bool HeldAtFirstChunkUntilReleased { get; private set; }

    /// <summary>Seconds of audio the synthesizer produced, counted on its own thread.</summary>
    public double AudioSeconds => Volatile.Read(ref audioSeconds);

    /// <summary>Texts synthesized to their end (a cancelled text does not count).</summary>
    public int FinishedTexts => Volatile.Read(ref finishedTexts);

    public void Release() => release.Set();

    public Meter Create(MeterOptions options)
    {
        options.Scope = this;
        var meter = new Meter(options);
        lock (meters)
        {
            meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        listener.Dispose();
        lock (meters)
        {
            meters.ForEach(meter => meter.Dispose());
        }

        release.Dispose();
    }

    private void OnChunk(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == SynthesisMetrics.ChunksInstrument && Interlocked.Increment(ref heldChunks) == 1)
        {
            HeldAtFirstChunkUntilReleased = release.Wait(DeadlockGuard);
        }
    }

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case SynthesisMetrics.AudioInstrument:
                // Only the engine thread records, so a plain read-modify-write suffices.
                Volatile.Write(ref audioSeconds, audioSeconds + value);
                break;
            case SynthesisMetrics.BusyInstrument:
                Interlocked.Increment(ref finishedTexts);
                break;
        }
    }
}
