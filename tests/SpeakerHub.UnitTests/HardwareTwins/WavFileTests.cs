using System.Buffers.Binary;
using System.Text;
using SpeakerHub.Firmware.Host.Hardware.Audio;

namespace SpeakerHub.UnitTests.HardwareTwins;

public sealed class WavFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "speakerhub-wav-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_clip_written_and_read_back_is_sample_for_sample_the_same()
    {
        short[] clip = [0, 1, -1, short.MaxValue, short.MinValue, 1234, -4321];
        string path = Path.Combine(_folder, "clip.wav");

        WavFile.Write(path, clip);

        Assert.Equal(clip, WavFile.Read(path));
        Assert.Equal(44 + (clip.Length * 2), new FileInfo(path).Length);
    }

    [Fact]
    public void Chunks_other_than_fmt_and_data_are_skipped()
    {
        using MemoryStream stream = Wav(rate: 16_000, channels: 1, bits: 16, extraChunk: "LIST", samples: [7, -7]);

        Assert.Equal(new short[] { 7, -7 }, WavFile.Read(stream, "with-list.wav"));
    }

    [Theory]
    [InlineData(44_100, 1, 16, "44100 Hz, 1 channel(s), 16-bit")]
    [InlineData(16_000, 2, 16, "16000 Hz, 2 channel(s), 16-bit")]
    [InlineData(16_000, 1, 8, "16000 Hz, 1 channel(s), 8-bit")]
    public void A_clip_in_another_format_is_refused_naming_what_was_found(int rate, int channels, int bits, string found)
    {
        using MemoryStream stream = Wav(rate, channels, bits, extraChunk: null, samples: [1, 2]);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => WavFile.Read(stream, "odd.wav"));

        Assert.Contains("odd.wav is " + found, error.Message, StringComparison.Ordinal);
        Assert.Contains("16000 Hz mono 16-bit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_wav_is_refused()
    {
        using MemoryStream stream = new(Encoding.ASCII.GetBytes("ID3 this is an mp3"));

        Assert.Throws<InvalidDataException>(() => WavFile.Read(stream, "song.mp3"));
    }

    [Fact]
    public void A_recording_cut_short_by_a_killed_process_still_reads()
    {
        string path = Path.Combine(_folder, "killed.wav");
        using (WavWriter writer = new(path))
        {
            writer.Append([1, 2, 3, 4]);
        }

        byte[] file = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), 1_000_000);
        File.WriteAllBytes(path, file);

        Assert.Equal(new short[] { 1, 2, 3, 4 }, WavFile.Read(path));
    }

    private static MemoryStream Wav(int rate, int channels, int bits, string? extraChunk, short[] samples)
    {
        MemoryStream stream = new();
        using (BinaryWriter writer = new(stream, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write(Encoding.ASCII.GetBytes("RIFF"));
            writer.Write(0u);
            writer.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
            writer.Write(16u);
            writer.Write((ushort)1);
            writer.Write((ushort)channels);
            writer.Write(rate);
            writer.Write(rate * channels * bits / 8);
            writer.Write((ushort)(channels * bits / 8));
            writer.Write((ushort)bits);
            if (extraChunk is not null)
            {
                writer.Write(Encoding.ASCII.GetBytes(extraChunk));
                writer.Write(3u);
                writer.Write(new byte[] { 1, 2, 3, 0 }); // odd length plus its pad byte
            }

            writer.Write(Encoding.ASCII.GetBytes("data"));
            writer.Write((uint)(samples.Length * 2));
            foreach (short sample in samples)
            {
                writer.Write(sample);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
