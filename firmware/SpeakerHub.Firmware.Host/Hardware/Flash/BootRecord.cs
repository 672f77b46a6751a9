using System.Buffers.Binary;

namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>
/// What the stable loader reads at power-on: the confirmed image, and an image on trial with the boots
/// it has left. Encoded as <c>confirmed slot | confirmed length | pending slot (0xFF none) | pending
/// length | trials left</c>, little-endian, inside an <see cref="AlternatingSectorRecord"/>.
/// </summary>
public readonly record struct BootRecord(int ConfirmedSlot, int ConfirmedLength, int PendingSlot, int PendingLength, int TrialsLeft)
{
    public const int NoSlot = -1;
    public const int EncodedLength = 11;

    private const byte NoSlotByte = 0xFF;

    /// <summary>A device fresh from the factory: slot 0, length unknown (0), nothing pending.</summary>
    public static BootRecord Factory { get; } = new(0, 0, NoSlot, 0, 0);

    public bool HasPending => PendingSlot != NoSlot;

    public BootRecord WithoutPending() => this with { PendingSlot = NoSlot, PendingLength = 0, TrialsLeft = 0 };

    public byte[] Encode()
    {
        byte[] encoded = new byte[EncodedLength];
        encoded[0] = (byte)ConfirmedSlot;
        BinaryPrimitives.WriteInt32LittleEndian(encoded.AsSpan(1), ConfirmedLength);
        encoded[5] = HasPending ? (byte)PendingSlot : NoSlotByte;
        BinaryPrimitives.WriteInt32LittleEndian(encoded.AsSpan(6), PendingLength);
        encoded[10] = (byte)TrialsLeft;
        return encoded;
    }

    /// <summary>Null for a record this firmware cannot have written.</summary>
    public static BootRecord? Decode(byte[] encoded, int slotCapacity)
    {
        if (encoded.Length != EncodedLength)
        {
            return null;
        }

        BootRecord record = new(
            encoded[0],
            BinaryPrimitives.ReadInt32LittleEndian(encoded.AsSpan(1)),
            encoded[5] == NoSlotByte ? NoSlot : encoded[5],
            BinaryPrimitives.ReadInt32LittleEndian(encoded.AsSpan(6)),
            encoded[10]);
        bool valid = record.ConfirmedSlot < DeviceFlashLayout.SlotCount
            && record.ConfirmedLength >= 0 && record.ConfirmedLength <= slotCapacity
            && (!record.HasPending || (record.PendingSlot < DeviceFlashLayout.SlotCount && record.PendingSlot != record.ConfirmedSlot))
            && record.PendingLength >= 0 && record.PendingLength <= slotCapacity;
        return valid ? record : null;
    }
}
