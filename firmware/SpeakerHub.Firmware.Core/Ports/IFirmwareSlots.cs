namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// Two application slots in flash plus a boot record (A/B updates, docs/firmware.md §OTA). The
    /// running image never writes its own slot. A new image is written into the inactive slot, marked
    /// pending, and becomes active only when the next boot confirms it; a boot that does not confirm
    /// within its trials falls back. Every method returns false instead of throwing on a flash fault,
    /// and a power cut at any point must leave the previous image bootable.
    /// </summary>
    public interface IFirmwareSlots
    {
        /// <summary>Slot the device booted from: 0 or 1.</summary>
        int ActiveSlot { get; }

        /// <summary>Largest image a slot holds, in bytes.</summary>
        int SlotCapacity { get; }

        /// <summary>Slot waiting for its first confirmed boot, or -1.</summary>
        int PendingSlot { get; }

        /// <summary>Erases the inactive slot before an image is written into it.</summary>
        bool Erase(int slot);

        bool Write(int slot, int offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>Bytes read, or -1 on a fault.</summary>
        int Read(int slot, int offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>Boots <paramref name="slot"/> next, on trial.</summary>
        bool MarkPending(int slot, int imageLength);

        /// <summary>The image now running is good: make it the one to boot from now on.</summary>
        bool ConfirmActive();
    }
}
