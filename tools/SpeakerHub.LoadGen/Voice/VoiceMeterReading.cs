using System.Diagnostics.Metrics;
using SpeakerHub.Cloud.Grains.Voice;

namespace SpeakerHub.LoadGen.Voice;

/// <summary>
/// Listens to the in-process cloud's voice meter: audio received and recogniser time (for the real-time
/// factor), and the cloud-side first-reply-audio time. Only an in-process cloud can be read this way.
/// </summary>
public sealed class VoiceMeterReading : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private readonly List<double> firstAudioMs = [];
    private double audioSeconds;
    private double decodeSeconds;

    public VoiceMeterReading()
    {
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == VoiceMetrics.MeterName)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    public double AudioSeconds
    {
        get
        {
            lock (gate)
            {
                return audioSeconds;
            }
        }
    }

    public double DecodeSeconds
    {
        get
        {
            lock (gate)
            {
                return decodeSeconds;
            }
        }
    }

    public IReadOnlyList<double> CloudFirstAudioMs
    {
        get
        {
            lock (gate)
            {
                return [.. firstAudioMs];
            }
        }
    }

    /// <summary>Forgets the warm-up, so the figures cover only the measured window.</summary>
    public void Reset()
    {
        lock (gate)
        {
            firstAudioMs.Clear();
            audioSeconds = 0;
            decodeSeconds = 0;
        }
    }

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        lock (gate)
        {
            switch (instrument.Name)
            {
                case VoiceMetrics.AudioInstrument: audioSeconds += value; break;
                case VoiceMetrics.DecodeInstrument: decodeSeconds += value; break;
                case VoiceMetrics.FirstAudioInstrument: firstAudioMs.Add(value); break;
            }
        }
    }
}
