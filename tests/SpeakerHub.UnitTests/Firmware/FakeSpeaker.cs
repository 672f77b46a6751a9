using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>Like real audio, saying something keeps the speaker busy until playback finishes.</summary>
internal sealed class FakeSpeaker : ISpeaker
{
    public int Volume { get; private set; } = -1;

    public bool Muted { get; private set; }

    public List<string> Said { get; } = [];

    public bool IsSpeaking { get; private set; }

    public void SetVolume(int volume) => Volume = volume;

    public void SetMuted(bool muted) => Muted = muted;

    /// <summary>Makes <see cref="Say"/> fail the way a broken audio driver would.</summary>
    public bool ThrowOnSay { get; set; }

    public void Say(string text)
    {
        if (ThrowOnSay)
        {
            throw new IOException("I2S write failed");
        }

        Said.Add(text);
        IsSpeaking = true;
    }

    public int SamplesPlayed { get; private set; }

    public int Play(short[] samples, int offset, int count)
    {
        SamplesPlayed += count;
        IsSpeaking = true;
        return count;
    }

    public void Stop() => IsSpeaking = false;

    public void FinishPlayback() => IsSpeaking = false;
}
