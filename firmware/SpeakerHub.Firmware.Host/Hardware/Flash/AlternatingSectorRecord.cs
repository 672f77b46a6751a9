using System.Buffers.Binary;

namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>
/// One small record kept in two sectors used in turn, so a power cut at any instant leaves a readable
/// copy. Each copy is <c>magic | sequence | length | payload | CRC-32</c> (little-endian). A write
/// erases the sector holding the older copy and programs the new copy there; the newer copy is never
/// touched. Reading takes the valid copy with the higher sequence: a torn erase or program fails its
/// CRC and is ignored, so the reader sees the previous record until the new one is whole.
/// </summary>
public sealed class AlternatingSectorRecord
{
    public const int CopyCount = 2;

    private const uint Magic = 0x31524853; // "SHR1"
    private const int SequenceOffset = 4;
    private const int LengthOffset = 8;
    private const int HeaderLength = 10;
    private const int CrcLength = 4;
    private const int NoCopy = -1;

    private readonly FlashPartition _partition;
    private bool _scanned;
    private int _newestCopy = NoCopy;
    private uint _newestSequence;
    private byte[]? _newest;

    public AlternatingSectorRecord(FlashPartition partition)
    {
        if (partition.SectorCount != CopyCount)
        {
            throw new ArgumentException($"An alternating record needs exactly {CopyCount} sectors.", nameof(partition));
        }

        _partition = partition;
    }

    public int MaxPayloadLength => Math.Min(_partition.SectorSize - HeaderLength - CrcLength, ushort.MaxValue);

    /// <summary>The newest whole record, or null when none was ever written.</summary>
    public byte[]? Read()
    {
        Scan();
        return _newest?.ToArray();
    }

    /// <summary>Replaces the record. Throws <see cref="IOException"/> if the flash fails; the previous record then stays readable.</summary>
    public void Write(ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayloadLength, nameof(payload));
        Scan();
        int target = _newestCopy == 0 ? 1 : 0;
        uint sequence = unchecked(_newestSequence + 1);
        byte[] copy = new byte[HeaderLength + payload.Length + CrcLength];
        BinaryPrimitives.WriteUInt32LittleEndian(copy, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(SequenceOffset), sequence);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(LengthOffset), (ushort)payload.Length);
        payload.CopyTo(copy.AsSpan(HeaderLength));
        int crcOffset = HeaderLength + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(crcOffset), Crc32.Compute(copy.AsSpan(0, crcOffset)));

        // After a failure nothing cached can be trusted: the next call reads the flash again.
        _scanned = false;
        _partition.EraseSector(target);
        _partition.Program(target * _partition.SectorSize, copy);
        _newestCopy = target;
        _newestSequence = sequence;
        _newest = payload.ToArray();
        _scanned = true;
    }

    private void Scan()
    {
        if (_scanned)
        {
            return;
        }

        _newestCopy = NoCopy;
        _newestSequence = 0;
        _newest = null;
        byte[] sector = new byte[_partition.SectorSize];
        for (int copy = 0; copy < CopyCount; copy++)
        {
            _partition.Read(copy * _partition.SectorSize, sector);
            if (TryDecode(sector, out uint sequence, out byte[]? payload)
                && (_newestCopy == NoCopy || IsNewer(sequence, _newestSequence)))
            {
                _newestCopy = copy;
                _newestSequence = sequence;
                _newest = payload;
            }
        }

        _scanned = true;
    }

    // Serial-number arithmetic: still right after the 32-bit sequence wraps.
    private static bool IsNewer(uint candidate, uint current) => (int)(candidate - current) > 0;

    private bool TryDecode(byte[] sector, out uint sequence, out byte[]? payload)
    {
        sequence = BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(SequenceOffset));
        payload = null;
        int length = BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(LengthOffset));
        if (BinaryPrimitives.ReadUInt32LittleEndian(sector) != Magic || length > MaxPayloadLength)
        {
            return false;
        }

        int crcOffset = HeaderLength + length;
        if (BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(crcOffset)) != Crc32.Compute(sector.AsSpan(0, crcOffset)))
        {
            return false;
        }

        payload = sector.AsSpan(HeaderLength, length).ToArray();
        return true;
    }
}
