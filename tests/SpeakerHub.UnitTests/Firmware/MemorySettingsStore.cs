using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>Flash as a byte array; survives a "reboot" when the harness hands it to a new device.</summary>
internal sealed class MemorySettingsStore : ISettingsStore
{
    private byte[] _record = [];

    public int Saves { get; private set; }

    public int Load(byte[] buffer)
    {
        _record.CopyTo(buffer, 0);
        return _record.Length;
    }

    public void Save(byte[] buffer, int count)
    {
        _record = buffer.AsSpan(0, count).ToArray();
        Saves++;
    }

    public void Corrupt(int index) => _record[index] ^= 0xFF;
}
