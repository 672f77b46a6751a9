using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Audio;

/// <summary>
/// The host's speaker: remembers volume, mute and what was said (tests and the simulator read it from
/// any thread) instead of playing audio. Playback is instant, so Speaking lasts one loop tick.
/// </summary>
public sealed class RecordingSpeaker : ISpeaker
{
    /// <summary>Enough history for a test or a console to look back a few turns.</summary>
    public const int RememberedUtterances = 32;

    private readonly Lock _gate = new();
    private readonly Queue<string> _said = new();
    private int _volume;
    private bool _muted;

    /// <summary>Raised on the device loop each time something is said.</summary>
    private long _samplesPlayed;

    public event EventHandler<SpokenEventArgs>? Spoken;

    public bool IsSpeaking => false;

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

    public void SetVolume(int volume)
    {
        lock (_gate)
        {
            _volume = volume;
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

    /// <summary>Total PCM samples handed to the speaker (the audio itself is recorded by the WAV speaker twin).</summary>
    public long SamplesPlayed => Interlocked.Read(ref _samplesPlayed);

    public int Play(short[] samples, int offset, int count)
    {
        Interlocked.Add(ref _samplesPlayed, count);
        return count;
    }

    public void Stop()
    {
    }
}

public sealed class SpokenEventArgs(string text) : EventArgs
{
    public string Text { get; } = text;
}
