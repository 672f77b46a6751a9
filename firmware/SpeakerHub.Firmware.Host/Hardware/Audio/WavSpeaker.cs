using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Host.Hardware.Audio;

/// <summary>
/// Twin of the I2S amplifier. <see cref="Play"/> scales the PCM by volume (muted plays silence), keeps it
/// in memory and optionally in a WAV file, and the speaker stays busy for as long as that audio takes
/// to play in real time, as a DMA-fed amp does. There is no speech synthesis on the device, so
/// <see cref="Say"/> only records the text (the cloud sends the voice as PCM). Thread-safe: the device
/// loop plays, tests and consoles read.
/// </summary>
public sealed class WavSpeaker : ISpeaker, IDisposable
{
    /// <summary>Enough history for a test or a console to look back a few turns.</summary>
    public const int RememberedUtterances = 32;

    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Queue<string> _said = new();
    private readonly List<short> _recorded = [];
    private readonly WavWriter? _recording;
    private readonly int _bufferSamples;
    private readonly int _rememberedSamples;
    private short[] _scaled = [];
    private List<short>? _capture;
    private int _volume;
    private bool _muted;
    private long _samplesPlayed;

    // Playback since the amp last went busy: exact sample counts against one start instant, no drift.
    private long _busySince;
    private long _busySamples;

    public WavSpeaker(WavSpeakerOptions? options = null, TimeProvider? clock = null)
    {
        options ??= new WavSpeakerOptions();
        _clock = clock ?? TimeProvider.System;
        _bufferSamples = PcmFormat.SamplesIn(options.PlaybackBuffer);
        _rememberedSamples = PcmFormat.SamplesIn(options.RememberedAudio);
        ArgumentOutOfRangeException.ThrowIfLessThan(_bufferSamples, PcmFormat.FrameSamples, nameof(options.PlaybackBuffer));
        _recording = options.RecordingPath is null ? null : new WavWriter(options.RecordingPath);
    }

    /// <summary>Raised on the device loop each time something is said.</summary>
    public event EventHandler<SpokenEventArgs>? Spoken;

    public bool IsSpeaking
    {
        get
        {
            lock (_gate)
            {
                return UnplayedSamples() > 0;
            }
        }
    }

    public int Volume
    {
        get
        {
            lock (_gate)
            {
                return _volume;
            }
        }
    }

    public bool Muted
    {
        get
        {
            lock (_gate)
            {
                return _muted;
            }
        }
    }

    /// <summary>The most recent texts, oldest first.</summary>
    public IReadOnlyList<string> Said
    {
        get
        {
            lock (_gate)
            {
                return [.. _said];
            }
        }
    }

    /// <summary>Total samples accepted by <see cref="Play"/>.</summary>
    public long SamplesPlayed
    {
        get
        {
            lock (_gate)
            {
                return _samplesPlayed;
            }
        }
    }

    /// <summary>What the listener heard (volume applied, cut-off tails removed), latest audio last.</summary>
    public short[] RecordedSamples
    {
        get
        {
            lock (_gate)
            {
                return [.. _recorded];
            }
        }
    }

    public string? RecordingPath => _recording?.FilePath;

    /// <summary>
    /// Starts keeping a copy of everything played from now on, as it was handed to <see cref="Play"/>
    /// (before volume and mute): the reply as the cloud sent it, for a simulator to save. Restarts a
    /// capture already running.
    /// </summary>
    public void StartCapture()
    {
        lock (_gate)
        {
            _capture = [];
        }
    }

    /// <summary>Ends the capture and returns what was heard of it (a <see cref="Stop"/> trims the rest).</summary>
    public short[] EndCapture()
    {
        lock (_gate)
        {
            short[] captured = _capture is null ? [] : [.. _capture];
            _capture = null;
            return captured;
        }
    }

    public void SetVolume(int volume)
    {
        lock (_gate)
        {
            _volume = Math.Clamp(volume, 0, TwinPatch.MaxVolume);
        }
    }

    public void SetMuted(bool muted)
    {
        lock (_gate)
        {
            _muted = muted;
        }
    }

    public void Say(string text)
    {
        lock (_gate)
        {
            if (_said.Count == RememberedUtterances)
            {
                _said.Dequeue();
            }

            _said.Enqueue(text);
        }

        Spoken?.Invoke(this, new SpokenEventArgs(text));
    }

    public int Play(short[] samples, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            long unplayed = UnplayedSamples();
            if (unplayed == 0)
            {
                _busySince = _clock.GetTimestamp();
                _busySamples = 0;
            }

            int accepted = (int)Math.Min(count, _bufferSamples - unplayed);
            if (accepted <= 0)
            {
                return 0;
            }

            _capture?.AddRange(samples.AsSpan(offset, accepted));
            Span<short> scaled = Scale(samples.AsSpan(offset, accepted));
            Remember(scaled);
            _recording?.Append(scaled);
            _busySamples += accepted;
            _samplesPlayed += accepted;
            return accepted;
        }
    }

    /// <summary>Cuts playback off now: what had not been heard yet is dropped from the recordings too.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            long unplayed = UnplayedSamples();
            int unheard = (int)Math.Min(unplayed, _recorded.Count);
            _recorded.RemoveRange(_recorded.Count - unheard, unheard);
            if (_capture is not null)
            {
                int uncaptured = (int)Math.Min(unplayed, _capture.Count);
                _capture.RemoveRange(_capture.Count - uncaptured, uncaptured);
            }

            _recording?.TruncateTo(_recording.SampleCount - unheard);
            _busySamples = 0;
        }
    }

    public void Dispose() => _recording?.Dispose();

    private long UnplayedSamples()
    {
        if (_busySamples == 0)
        {
            return 0;
        }

        long heard = (long)((Int128)(_clock.GetTimestamp() - _busySince) * PcmFormat.SampleRate / _clock.TimestampFrequency);
        return Math.Max(0, _busySamples - heard);
    }

    /// <summary>
    /// Linear gain in tenths, as the ESP32 adapter scales before the DMA write (the amp has no volume
    /// register). Applied when queued, so a volume change affects the next chunk, not one in flight.
    /// </summary>
    private Span<short> Scale(ReadOnlySpan<short> samples)
    {
        if (_scaled.Length < samples.Length)
        {
            _scaled = new short[samples.Length];
        }

        Span<short> scaled = _scaled.AsSpan(0, samples.Length);
        int gain = _muted ? 0 : _volume;
        for (int i = 0; i < samples.Length; i++)
        {
            scaled[i] = (short)(samples[i] * gain / TwinPatch.MaxVolume);
        }

        return scaled;
    }

    private void Remember(ReadOnlySpan<short> samples)
    {
        _recorded.AddRange(samples);

        // Trim in bulk (a quarter over the limit) so a long run does not shift the list on every chunk.
        if (_recorded.Count > _rememberedSamples + (_rememberedSamples / 4))
        {
            _recorded.RemoveRange(0, _recorded.Count - _rememberedSamples);
        }
    }
}
