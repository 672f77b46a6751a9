namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320): what the flash records use to tell a whole
/// record from a torn one. Table-driven so the ESP32 adapter can mirror it byte for byte.
/// </summary>
public static class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;
    private const uint InitialValue = 0xFFFFFFFF;
    private const int TableSize = 256;
    private const int BitsPerByte = 8;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = InitialValue;
        foreach (byte value in data)
        {
            crc = Table[(crc ^ value) & 0xFF] ^ (crc >> BitsPerByte);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        uint[] table = new uint[TableSize];
        for (uint i = 0; i < TableSize; i++)
        {
            uint entry = i;
            for (int bit = 0; bit < BitsPerByte; bit++)
            {
                entry = (entry & 1) != 0 ? ReflectedPolynomial ^ (entry >> 1) : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
