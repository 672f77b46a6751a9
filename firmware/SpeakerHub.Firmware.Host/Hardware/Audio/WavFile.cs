using System.Buffers.Binary;
using System.Text;

namespace SpeakerHub.Firmware.Host.Hardware.Audio;

/// <summary>
/// Reads and writes RIFF/WAVE files holding the device's own format (<see cref="PcmFormat"/>).
/// Deliberately strict: a clip at another rate, width or channel count is refused with what was found
/// instead of being resampled, because a host-side resampler would hand the cloud audio no real
/// microphone produces. Convert clips once, e.g. <c>sox in.wav -r 16000 -c 1 -b 16 out.wav</c>.
/// </summary>
public static class WavFile
{
    internal const int HeaderLength = 44;
    internal const int RiffSizeOffset = 4;
    internal const int DataSizeOffset = 40;

    private const ushort PcmTag = 1;
    private const ushort ExtensibleTag = 0xFFFE;
    private const int ChunkHeaderLength = 8;
    private const int MinimumFormatLength = 16;

    // WAVE_FORMAT_EXTENSIBLE carries the real format tag in the first two bytes of its sub-format GUID.
    private const int ExtensibleSubFormatOffset = 24;

    public static short[] Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>The samples of a 16 kHz mono 16-bit PCM WAV; <paramref name="name"/> only labels errors.</summary>
    public static short[] Read(Stream stream, string name)
    {
        using BinaryReader reader = new(stream, Encoding.ASCII, leaveOpen: true);
        if (ReadTag(reader) != "RIFF")
        {
            throw new InvalidDataException($"{name} is not a WAV file (no RIFF header).");
        }

        reader.ReadUInt32();
        if (ReadTag(reader) != "WAVE")
        {
            throw new InvalidDataException($"{name} is a RIFF file but not WAVE.");
        }

        bool formatSeen = false;
        while (stream.Position + ChunkHeaderLength <= stream.Length)
        {
            string tag = ReadTag(reader);
            uint length = reader.ReadUInt32();
            if (tag == "fmt ")
            {
                CheckFormat(reader.ReadBytes(checked((int)length)), name);
                formatSeen = true;
            }
            else if (tag == "data")
            {
                if (!formatSeen)
                {
                    throw new InvalidDataException($"{name}: the data chunk comes before any fmt chunk.");
                }

                return ReadSamples(reader, length, name);
            }
            else
            {
                stream.Seek(length, SeekOrigin.Current);
            }

            // RIFF chunks are padded to an even length.
            if (length % 2 == 1)
            {
                stream.Seek(1, SeekOrigin.Current);
            }
        }

        throw new InvalidDataException($"{name} has no data chunk.");
    }

    public static void Write(string path, ReadOnlySpan<short> samples)
    {
        using WavWriter writer = new(path);
        writer.Append(samples);
    }

    /// <summary>The canonical 44-byte header for <paramref name="samples"/> samples of <see cref="PcmFormat"/>.</summary>
    internal static void WriteHeader(Span<byte> header, long samples)
    {
        uint dataBytes = checked((uint)(samples * PcmFormat.BytesPerSample));
        Encoding.ASCII.GetBytes("RIFF", header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[RiffSizeOffset..], dataBytes + HeaderLength - ChunkHeaderLength);
        Encoding.ASCII.GetBytes("WAVEfmt ", header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], MinimumFormatLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], PcmTag);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], PcmFormat.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], PcmFormat.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], PcmFormat.SampleRate * PcmFormat.Channels * PcmFormat.BytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], PcmFormat.Channels * PcmFormat.BytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], PcmFormat.BitsPerSample);
        Encoding.ASCII.GetBytes("data", header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[DataSizeOffset..], dataBytes);
    }

    private static string ReadTag(BinaryReader reader)
    {
        byte[] tag = reader.ReadBytes(4);
        return tag.Length == 4 ? Encoding.ASCII.GetString(tag) : string.Empty;
    }

    private static void CheckFormat(byte[] chunk, string name)
    {
        if (chunk.Length < MinimumFormatLength)
        {
            throw new InvalidDataException($"{name}: the fmt chunk is only {chunk.Length} bytes.");
        }

        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        if (tag == ExtensibleTag && chunk.Length >= ExtensibleSubFormatOffset + 2)
        {
            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(ExtensibleSubFormatOffset));
        }

        int channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(2));
        int rate = BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(4));
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(14));
        if (tag != PcmTag || channels != PcmFormat.Channels || rate != PcmFormat.SampleRate || bits != PcmFormat.BitsPerSample)
        {
            string encoding = tag == PcmTag ? "PCM" : $"format tag {tag} (not PCM)";
            throw new InvalidDataException(
                $"{name} is {rate} Hz, {channels} channel(s), {bits}-bit {encoding}; the device speaks " +
                $"{PcmFormat.SampleRate} Hz mono {PcmFormat.BitsPerSample}-bit PCM. Convert it first, " +
                $"e.g. sox in.wav -r {PcmFormat.SampleRate} -c 1 -b {PcmFormat.BitsPerSample} out.wav");
        }
    }

    private static short[] ReadSamples(BinaryReader reader, uint length, string name)
    {
        // A writer killed mid-recording may leave a size larger than what follows; take what is there.
        long available = reader.BaseStream.Length - reader.BaseStream.Position;
        int bytes = (int)Math.Min(length, available) & ~1;
        byte[] data = reader.ReadBytes(bytes);
        if (data.Length != bytes)
        {
            throw new InvalidDataException($"{name} ends inside its data chunk.");
        }

        short[] samples = new short[bytes / PcmFormat.BytesPerSample];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(i * PcmFormat.BytesPerSample));
        }

        return samples;
    }
}
