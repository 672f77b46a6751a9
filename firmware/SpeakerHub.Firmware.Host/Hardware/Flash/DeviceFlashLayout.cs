namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>
/// Where things live on the device's flash, in sectors: settings (2), boot record (2), image slots A and
/// B, then the update record (2). New regions go after the slots, so a flash file from an older
/// simulator keeps its data.
/// </summary>
public sealed class DeviceFlashLayout
{
    public const int SlotCount = 2;
    public const int SettingsFirstSector = 0;
    public const int BootRecordFirstSector = SettingsFirstSector + AlternatingSectorRecord.CopyCount;
    public const int FirstSlotSector = BootRecordFirstSector + AlternatingSectorRecord.CopyCount;

    /// <summary>256 KiB per slot: room for the managed app (nanoFramework deploys assemblies, not the runtime).</summary>
    public const int DefaultSlotSectors = 64;

    public DeviceFlashLayout(int slotSectors = DefaultSlotSectors, int sectorSize = SimulatedFlash.DefaultSectorSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotSectors, 1);
        SlotSectors = slotSectors;
        SectorSize = sectorSize;
    }

    public int SlotSectors { get; }

    public int SectorSize { get; }

    public int UpdateRecordFirstSector => FirstSlotSector + (SlotCount * SlotSectors);

    public int SectorCount => UpdateRecordFirstSector + AlternatingSectorRecord.CopyCount;

    public int SlotCapacity => SlotSectors * SectorSize;

    public SimulatedFlash CreateFlash(string? backingFile = null, int seed = 0) => new(SectorCount, SectorSize, backingFile, seed);

    public FlashPartition Settings(SimulatedFlash flash) => new(flash, SettingsFirstSector, AlternatingSectorRecord.CopyCount);

    public FlashPartition BootRecord(SimulatedFlash flash) => new(flash, BootRecordFirstSector, AlternatingSectorRecord.CopyCount);

    /// <summary>Where the over-the-air updater keeps its progress (<c>UpdateRecord</c>).</summary>
    public FlashPartition UpdateRecord(SimulatedFlash flash) => new(flash, UpdateRecordFirstSector, AlternatingSectorRecord.CopyCount);

    public FlashPartition Slot(SimulatedFlash flash, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, SlotCount);
        return new FlashPartition(flash, FirstSlotSector + (slot * SlotSectors), SlotSectors);
    }
}
