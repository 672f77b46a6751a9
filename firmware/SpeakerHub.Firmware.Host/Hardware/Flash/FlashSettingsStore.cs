using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>
/// <see cref="ISettingsStore"/> on two flash sectors (<see cref="AlternatingSectorRecord"/>): a power cut
/// during a save leaves the previous settings, never garbage and never nothing once one save completed.
/// A flash fault propagates as <see cref="IOException"/>, as the file-backed store's did.
/// </summary>
public sealed class FlashSettingsStore(FlashPartition partition) : ISettingsStore
{
    private readonly AlternatingSectorRecord _record = new(partition);

    public int Load(byte[] buffer)
    {
        byte[]? saved = _record.Read();

        // Larger than the device's own buffer: not a record this firmware wrote; boot with defaults.
        if (saved is null || saved.Length > buffer.Length)
        {
            return 0;
        }

        saved.CopyTo(buffer, 0);
        return saved.Length;
    }

    public void Save(byte[] buffer, int count) => _record.Write(buffer.AsSpan(0, count));
}
