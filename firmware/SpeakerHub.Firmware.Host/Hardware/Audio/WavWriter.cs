using System.Buffers.Binary;

namespace SpeakerHub.Firmware.Host.Hardware.Audio;

/// <summary>
/// Appends <see cref="PcmFormat"/> samples to a WAV file, keeping the header's sizes true after every
/// append so a recording is playable even if the simulator is killed mid-run.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _header = new byte[WavFile.HeaderLength];
    private byte[] _scratch = [];

    public WavWriter(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        FilePath = path;
        WriteHeader();
    }

    public string FilePath { get; }

    public long SampleCount { get; private set; }

    public void Append(ReadOnlySpan<short> samples)
    {
        int bytes = samples.Length * PcmFormat.BytesPerSample;
        if (_scratch.Length < bytes)
        {
            _scratch = new byte[bytes];
        }

        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(_scratch.AsSpan(i * PcmFormat.BytesPerSample), samples[i]);
        }

        _stream.Seek(0, SeekOrigin.End);
        _stream.Write(_scratch, 0, bytes);
        SampleCount += samples.Length;
        WriteHeader();
    }

    /// <summary>Drops the last samples: audio that was queued but never reached the listener.</summary>
    public void TruncateTo(long sampleCount)
    {
        if (sampleCount >= SampleCount)
        {
            return;
        }

        SampleCount = Math.Max(0, sampleCount);
        _stream.SetLength(WavFile.HeaderLength + (SampleCount * PcmFormat.BytesPerSample));
        WriteHeader();
    }

    public void Dispose() => _stream.Dispose();

    private void WriteHeader()
    {
        WavFile.WriteHeader(_header, SampleCount);
        _stream.Seek(0, SeekOrigin.Begin);
        _stream.Write(_header);
        _stream.Flush();
    }
}
