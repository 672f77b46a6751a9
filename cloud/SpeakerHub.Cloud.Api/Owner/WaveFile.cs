using System.Buffers.Binary;
using System.Text;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>Kept utterance audio (ADPCM blocks of 20 ms) as a 16 kHz, 16-bit mono PCM WAV file any player opens.</summary>
public static class WaveFile
{
    public const string ContentType = "audio/wav";

    private const int HeaderLength = 44;
    private const int FormatChunkLength = 16;
    private const short PcmFormat = 1;
    private const short Channels = 1;
    private const short BytesPerSample = sizeof(short);

    public static byte[] FromAdpcm(byte[] blocks)
    {
        var frames = blocks.Length / VoiceChunk.BlockLength;
        var dataLength = frames * VoiceChunk.FrameSamples * BytesPerSample;
        var wav = new byte[HeaderLength + dataLength];
        WriteHeader(wav, dataLength);

        var samples = new short[VoiceChunk.FrameSamples];
        var output = HeaderLength;
        for (var frame = 0; frame < frames; frame++)
        {
            if (AdpcmDecoder.Decode(blocks, frame * VoiceChunk.BlockLength, VoiceChunk.BlockLength, samples, 0) != samples.Length)
            {
                // A damaged block plays as 20 ms of silence, so the rest keeps its timing.
                Array.Clear(samples);
            }

            foreach (var sample in samples)
            {
                BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(output), sample);
                output += BytesPerSample;
            }
        }

        return wav;
    }

    /// <summary>The canonical 44-byte header: RIFF chunk, 16-byte PCM "fmt " chunk, "data" chunk header.</summary>
    private static void WriteHeader(Span<byte> wav, int dataLength)
    {
        const int riffChunkHeaderLength = 8;
        const int bitsPerByte = 8;
        Encoding.ASCII.GetBytes("RIFF", wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav[4..], HeaderLength - riffChunkHeaderLength + dataLength);
        Encoding.ASCII.GetBytes("WAVEfmt ", wav[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(wav[16..], FormatChunkLength);
        BinaryPrimitives.WriteInt16LittleEndian(wav[20..], PcmFormat);
        BinaryPrimitives.WriteInt16LittleEndian(wav[22..], Channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav[24..], VoiceChunk.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav[28..], VoiceChunk.SampleRate * Channels * BytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(wav[32..], Channels * BytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(wav[34..], BytesPerSample * bitsPerByte);
        Encoding.ASCII.GetBytes("data", wav[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(wav[40..], dataLength);
    }
}
