using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// Like real audio, saying or playing something keeps the speaker busy until the test lets it finish.
/// Played samples wait in a buffer of <see cref="Capacity"/> samples until <see cref="Drain"/> (time
/// passing) or <see cref="FinishPlayback"/>; like the I2S adapter, a full buffer takes only what fits.
/// </summary>
internal sealed class FakeSpeaker(bool recordSamples = true) : ISpeaker
{
    private bool _saying;

    public int Volume { get; private set; } = -1;

    public bool Muted { get; private set; }

    public List<string> Said { get; } = [];

    /// <summary>Samples the speaker holds before <see cref="Play"/> takes fewer than offered.</summary>
    public int Capacity { get; set; } = int.MaxValue;

    /// <summary>Samples accepted but not yet heard.</summary>
    public int Queued { get; private set; }

    /// <summary>Everything accepted, in order (when recording).</summary>
    public List<short> Played { get; } = [];

    public bool IsSpeaking => _saying || Queued > 0;

    public int SamplesPlayed { get; private set; }

    public int Stops { get; private set; }

    /// <summary>Makes <see cref="Say"/> fail the way a broken audio driver would.</summary>
    public bool ThrowOnSay { get; set; }

    public void SetVolume(int volume) => Volume = volume;

    public void SetMuted(bool muted) => Muted = muted;

    public void Say(string text)
    {
        if (ThrowOnSay)
        {
            throw new IOException("I2S write failed");
        }

        Said.Add(text);
        _saying = true;
    }

    public int Play(short[] samples, int offset, int count)
    {
        int accepted = (int)Math.Min(count, (long)Capacity - Queued);
        if (accepted <= 0)
        {
            return 0;
        }

        if (recordSamples)
        {
            Played.AddRange(samples.AsSpan(offset, accepted));
        }

        Queued += accepted;
        SamplesPlayed += accepted;
        return accepted;
    }

    public void Stop()
    {
        Stops++;
        FinishPlayback();
    }

    /// <summary>The listener has heard <paramref name="samples"/> more samples.</summary>
    public void Drain(int samples) => Queued = Math.Max(0, Queued - samples);

    public void FinishPlayback()
    {
        _saying = false;
        Queued = 0;
    }
}
