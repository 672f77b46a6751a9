using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>20 ms microphone frames as the I2S adapter would deliver them: tones, noise, steady levels.</summary>
internal static class MicrophoneFrames
{
    /// <summary>A steady speech-band tone; mean absolute level ≈ 0.64 × amplitude.</summary>
    public static short[][] Tone(int count, double frequency = 440, int amplitude = 8000)
    {
        short[][] frames = new short[count][];
        for (int frame = 0; frame < count; frame++)
        {
            frames[frame] = new short[VoiceChunk.FrameSamples];
            for (int i = 0; i < VoiceChunk.FrameSamples; i++)
            {
                double t = (double)((frame * VoiceChunk.FrameSamples) + i) / VoiceChunk.SampleRate;
                frames[frame][i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequency * t));
            }
        }

        return frames;
    }

    /// <summary>Uniform white noise in ±<paramref name="amplitude"/>; mean absolute level ≈ amplitude / 2.</summary>
    public static short[][] Noise(int count, int amplitude, int seed = 1)
    {
        Random random = new(seed);
        short[][] frames = new short[count][];
        for (int frame = 0; frame < count; frame++)
        {
            frames[frame] = new short[VoiceChunk.FrameSamples];
            for (int i = 0; i < VoiceChunk.FrameSamples; i++)
            {
                frames[frame][i] = (short)random.Next(-amplitude, amplitude + 1);
            }
        }

        return frames;
    }

    /// <summary>A tone over noise, sample by sample: speech in a room.</summary>
    public static short[][] ToneOverNoise(int count, int toneAmplitude, int noiseAmplitude, int seed = 2)
    {
        short[][] tone = Tone(count, amplitude: toneAmplitude);
        short[][] noise = Noise(count, noiseAmplitude, seed);
        for (int frame = 0; frame < count; frame++)
        {
            for (int i = 0; i < VoiceChunk.FrameSamples; i++)
            {
                tone[frame][i] = (short)Math.Clamp(tone[frame][i] + noise[frame][i], short.MinValue, short.MaxValue);
            }
        }

        return tone;
    }

    /// <summary>A frame of one constant value, to tell frames apart after a lossy round trip.</summary>
    public static short[] Level(short value) => Enumerable.Repeat(value, VoiceChunk.FrameSamples).ToArray();
}
