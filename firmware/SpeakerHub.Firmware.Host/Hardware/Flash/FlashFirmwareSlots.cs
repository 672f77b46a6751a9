using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>Decides whether an image may run (the OTA work plugs its signature check in here).</summary>
public delegate bool FirmwareImageValidator(int slot, ReadOnlySpan<byte> image);

/// <summary>
/// <see cref="IFirmwareSlots"/> on a <see cref="SimulatedFlash"/>: two image slots and a boot record kept
/// as an <see cref="AlternatingSectorRecord"/>, so a power cut during any write leaves the previous
/// record. Construct it at power-on, call <see cref="Boot"/> (the stable loader), then hand it to the
/// app. The slots the app may write are the one not running and not the confirmed fallback; every
/// write is read back, so programming without an erase is reported, not silently corrupt.
/// </summary>
public sealed class FlashFirmwareSlots : IFirmwareSlots
{
    /// <summary>Boots an unconfirmed image gets before the loader gives up on it.</summary>
    public const int DefaultBootTrials = 3;

    private readonly SimulatedFlash _flash;
    private readonly DeviceFlashLayout _layout;
    private readonly AlternatingSectorRecord _bootRecord;
    private readonly FirmwareImageValidator _validator;
    private readonly int _bootTrials;
    private BootRecord _record = BootRecord.Factory;
    private bool _booted;

    /// <param name="validator">Checked at boot for every image about to run; null accepts any image.</param>
    public FlashFirmwareSlots(SimulatedFlash flash, DeviceFlashLayout layout, FirmwareImageValidator? validator = null, int bootTrials = DefaultBootTrials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bootTrials, 1);
        _flash = flash;
        _layout = layout;
        _bootRecord = new AlternatingSectorRecord(layout.BootRecord(flash));
        _validator = validator ?? ((_, _) => true);
        _bootTrials = bootTrials;
    }

    public int ActiveSlot { get; private set; }

    public int SlotCapacity => _layout.SlotCapacity;

    public int PendingSlot => _record.PendingSlot;

    /// <summary>What the factory does over USB: image into slot 0, confirmed. Host-side only.</summary>
    public void InstallFactoryImage(ReadOnlySpan<byte> image)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(image.Length, SlotCapacity, nameof(image));
        FlashPartition slot = _layout.Slot(_flash, 0);
        for (int sector = 0; sector < slot.SectorCount; sector++)
        {
            slot.EraseSector(sector);
        }

        slot.Program(0, image);
        _bootRecord.Write(new BootRecord(0, image.Length, BootRecord.NoSlot, 0, 0).Encode());
    }

    /// <summary>
    /// The stable loader: a pending image with trials left boots (one trial used and persisted first,
    /// so a crash loop burns trials); one out of trials or failing validation is dropped for the
    /// confirmed image. Throws <see cref="IOException"/> if the flash dies meanwhile.
    /// </summary>
    public BootOutcome Boot()
    {
        byte[]? saved = _bootRecord.Read();
        _record = (saved is null ? null : BootRecord.Decode(saved, SlotCapacity)) ?? BootRecord.Factory;
        _booted = true;
        BootReason reason = BootReason.Confirmed;
        if (_record.HasPending)
        {
            if (_record.TrialsLeft <= 0)
            {
                reason = BootReason.TrialsExhausted;
            }
            else if (!IsValid(_record.PendingSlot, _record.PendingLength))
            {
                reason = BootReason.PendingImageRejected;
            }
            else
            {
                Persist(_record with { TrialsLeft = _record.TrialsLeft - 1 });
                ActiveSlot = _record.PendingSlot;
                return new BootOutcome(ActiveSlot, _record.PendingLength, BootReason.Trial);
            }

            Persist(_record.WithoutPending());
        }

        ActiveSlot = _record.ConfirmedSlot;
        if (!IsValid(ActiveSlot, _record.ConfirmedLength))
        {
            reason = BootReason.NoValidImage;
        }

        return new BootOutcome(ActiveSlot, _record.ConfirmedLength, reason);
    }

    public bool Erase(int slot)
    {
        EnsureBooted();
        if (!IsWritable(slot))
        {
            return false;
        }

        return Try(() =>
        {
            // Erasing a pending image cancels it first, so the loader never tries a half-erased slot.
            if (_record.PendingSlot == slot)
            {
                Persist(_record.WithoutPending());
            }

            FlashPartition partition = _layout.Slot(_flash, slot);
            for (int sector = 0; sector < partition.SectorCount; sector++)
            {
                partition.EraseSector(sector);
            }
        });
    }

    public bool Write(int slot, int offset, byte[] buffer, int bufferOffset, int count)
    {
        EnsureBooted();
        if (!IsWritable(slot) || !FitsSlot(offset, count) || bufferOffset < 0 || bufferOffset > buffer.Length - count)
        {
            return false;
        }

        bool verified = false;
        bool written = Try(() =>
        {
            ReadOnlySpan<byte> data = buffer.AsSpan(bufferOffset, count);
            FlashPartition partition = _layout.Slot(_flash, slot);
            partition.Program(offset, data);
            byte[] readBack = new byte[count];
            partition.Read(offset, readBack);
            verified = data.SequenceEqual(readBack);
        });
        return written && verified;
    }

    public int Read(int slot, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (slot is < 0 or >= DeviceFlashLayout.SlotCount || offset < 0 || offset > SlotCapacity || count < 0
            || bufferOffset < 0 || bufferOffset > buffer.Length - count)
        {
            return -1;
        }

        int available = Math.Min(count, SlotCapacity - offset);
        bool read = Try(() => _layout.Slot(_flash, slot).Read(offset, buffer.AsSpan(bufferOffset, available)));
        return read ? available : -1;
    }

    public bool MarkPending(int slot, int imageLength)
    {
        EnsureBooted();

        // While on trial the other slot is the fallback: confirm the running image before staging another.
        bool onTrial = _record.HasPending && _record.PendingSlot == ActiveSlot;
        if (!IsWritable(slot) || onTrial || imageLength < 1 || imageLength > SlotCapacity)
        {
            return false;
        }

        return Try(() => Persist(_record with { PendingSlot = slot, PendingLength = imageLength, TrialsLeft = _bootTrials }));
    }

    public bool ConfirmActive()
    {
        EnsureBooted();
        if (!_record.HasPending || _record.PendingSlot != ActiveSlot)
        {
            return true;
        }

        return Try(() => Persist(new BootRecord(ActiveSlot, _record.PendingLength, BootRecord.NoSlot, 0, 0)));
    }

    private bool IsWritable(int slot) =>
        slot is >= 0 and < DeviceFlashLayout.SlotCount && slot != ActiveSlot && slot != _record.ConfirmedSlot;

    private bool FitsSlot(int offset, int count) => offset >= 0 && count >= 0 && offset <= SlotCapacity - count;

    // A factory image of unknown length (0) was put there over USB and is trusted as is.
    private bool IsValid(int slot, int length)
    {
        if (length == 0)
        {
            return true;
        }

        byte[] image = new byte[length];
        _layout.Slot(_flash, slot).Read(0, image);
        return _validator(slot, image);
    }

    private void Persist(BootRecord record)
    {
        _bootRecord.Write(record.Encode());
        _record = record;
    }

    private void EnsureBooted()
    {
        if (!_booted)
        {
            throw new InvalidOperationException("Boot() first: the loader decides which slot is running.");
        }
    }

    /// <summary>The port's contract: a flash fault is false, never an exception.</summary>
    private static bool Try(Action operation)
    {
        try
        {
            operation();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
