namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>A run of whole sectors of a <see cref="SimulatedFlash"/>, addressed from 0; nothing outside it can be touched.</summary>
public sealed class FlashPartition
{
    private readonly SimulatedFlash _flash;
    private readonly int _firstSector;

    public FlashPartition(SimulatedFlash flash, int firstSector, int sectorCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSector);
        ArgumentOutOfRangeException.ThrowIfLessThan(sectorCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSector + sectorCount, flash.SectorCount, nameof(sectorCount));
        _flash = flash;
        _firstSector = firstSector;
        SectorCount = sectorCount;
    }

    public int SectorCount { get; }

    public int SectorSize => _flash.SectorSize;

    public int Size => SectorCount * SectorSize;

    public void Read(int offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        _flash.Read(Start + offset, destination);
    }

    public void Program(int offset, ReadOnlySpan<byte> data)
    {
        CheckRange(offset, data.Length);
        _flash.Program(Start + offset, data);
    }

    public void EraseSector(int sector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sector, SectorCount);
        _flash.EraseSector(_firstSector + sector);
    }

    private int Start => _firstSector * SectorSize;

    private void CheckRange(int offset, int count)
    {
        if (offset < 0 || count < 0 || offset > Size - count)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"{count} bytes at {offset} fall outside the {Size}-byte partition.");
        }
    }
}
