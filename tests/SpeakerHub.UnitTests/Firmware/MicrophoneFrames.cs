using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>20 ms microphone frames of a steady speech-band tone, as the I2S adapter would deliver them.</summary>
internal static class MicrophoneFrames
{
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

    /// <summary>A frame of one constant value, to tell frames apart after a lossy round trip.</summary>
    public static short[] Level(short value) => Enumerable.Repeat(value, VoiceChunk.FrameSamples).ToArray();
}
