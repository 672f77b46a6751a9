using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Storage;

/// <summary>
/// The device's flash as one file per device. A save writes a temporary file, flushes it to disk and
/// renames it over the old one: a crash at any point leaves either the old or the new record.
/// </summary>
public sealed class FileSettingsStore : ISettingsStore
{
    private const string Extension = ".flash";
    private const string TemporarySuffix = ".tmp";

    private readonly string _path;

    public FileSettingsStore(string folder, string deviceId)
    {
        Directory.CreateDirectory(folder);
        _path = Path.Combine(folder, deviceId + Extension);
    }

    public string FilePath => _path;

    public int Load(byte[] buffer)
    {
        if (!File.Exists(_path))
        {
            return 0;
        }

        byte[] record = File.ReadAllBytes(_path);

        // Larger than the device's own buffer: not a record this firmware wrote; boot with defaults.
        if (record.Length > buffer.Length)
        {
            return 0;
        }

        record.CopyTo(buffer, 0);
        return record.Length;
    }

    public void Save(byte[] buffer, int count)
    {
        string temporary = _path + TemporarySuffix;
        using (FileStream stream = new(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(buffer, 0, count);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
