namespace SpeakerHub.Firmware.Host.Hardware.Audio;

/// <summary>
/// The one audio format the device speaks on both I2S buses (DESIGN §2): 16 kHz, 16-bit, mono, moved in
/// 20 ms frames. Everything the twins read or write is in this format.
/// </summary>
public static class PcmFormat
{
    public const int SampleRate = 16_000;
    public const int Channels = 1;
    public const int BitsPerSample = 16;
    public const int BytesPerSample = BitsPerSample / 8;
    public const int FrameMilliseconds = 20;
    public const int FramesPerSecond = 1000 / FrameMilliseconds;

    /// <summary>320 samples: one I2S DMA buffer and one <c>OnAudioFrame</c> call.</summary>
    public const int FrameSamples = SampleRate / FramesPerSecond;

    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(FrameMilliseconds);

    public static TimeSpan DurationOf(long samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / SampleRate);

    public static int SamplesIn(TimeSpan duration) => checked((int)(duration.Ticks * SampleRate / TimeSpan.TicksPerSecond));
}
