namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>
/// Twin of a NOR flash chip with a power-cut switch. Sectors must be erased (all bytes 0xFF) before
/// they are programmed, and programming can only clear bits: the result is old AND new, exactly the
/// silent corruption a driver gets when it skips the erase. Optionally mirrored to a file so a
/// simulated device keeps its flash across simulator runs. Not thread-safe, like the SPI bus.
/// <para>
/// The switch: after <see cref="CutPowerAfterWrites"/> more program/erase operations (or
/// <see cref="CutPowerAfterBytes"/> more programmed bytes) the operation in progress is torn — only a
/// prefix of its bytes lands — and it and every later access throw <see cref="IOException"/>, as a dead
/// bus would, until <see cref="RestorePower"/> (the reboot).
/// </para>
/// </summary>
public sealed class SimulatedFlash
{
    public const int DefaultSectorSize = 4096;
    public const byte ErasedByte = 0xFF;

    private readonly byte[] _cells;
    private readonly string? _backingFile;
    private readonly Random _tearPoints;
    private long _writesUntilCut = -1;
    private long _bytesUntilCut = -1;

    /// <param name="backingFile">Mirror of the chip; created erased, grown (erased) if the layout grew.</param>
    /// <param name="seed">Seeds where random tears fall, so a failing sweep step can be replayed.</param>
    public SimulatedFlash(int sectorCount, int sectorSize = DefaultSectorSize, string? backingFile = null, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sectorCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sectorSize, 1);
        SectorCount = sectorCount;
        SectorSize = sectorSize;
        _cells = new byte[checked(sectorCount * sectorSize)];
        _cells.AsSpan().Fill(ErasedByte);
        _backingFile = backingFile;
        _tearPoints = new Random(seed);
        if (backingFile is not null)
        {
            LoadBackingFile(backingFile);
        }
    }

    public int SectorCount { get; }

    public int SectorSize { get; }

    public int Size => _cells.Length;

    public bool IsPowered { get; private set; } = true;

    /// <summary>Program and erase operations that completed: the step counter for power-cut sweeps.</summary>
    public long CompletedWrites { get; private set; }

    /// <summary>Bytes programmed by completed operations.</summary>
    public long ProgrammedBytes { get; private set; }

    /// <summary>Lets <paramref name="writes"/> more operations complete; the next one is torn at a random byte.</summary>
    public void CutPowerAfterWrites(long writes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(writes);
        _writesUntilCut = writes;
    }

    /// <summary>Lets <paramref name="bytes"/> more bytes be programmed; the program that would pass that is torn there.</summary>
    public void CutPowerAfterBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _bytesUntilCut = bytes;
    }

    /// <summary>Power back on (a reboot): the cells keep whatever the cut left in them.</summary>
    public void RestorePower()
    {
        IsPowered = true;
        _writesUntilCut = -1;
        _bytesUntilCut = -1;
    }

    public void Read(int address, Span<byte> destination)
    {
        EnsurePowered();
        CheckRange(address, destination.Length);
        _cells.AsSpan(address, destination.Length).CopyTo(destination);
    }

    public void Program(int address, ReadOnlySpan<byte> data)
    {
        EnsurePowered();
        CheckRange(address, data.Length);
        int landed = BytesBeforeCut(data.Length);
        Span<byte> cells = _cells.AsSpan(address, landed);
        for (int i = 0; i < landed; i++)
        {
            cells[i] &= data[i];
        }

        Persist(address, landed);
        FinishOperation(landed == data.Length, $"programming {data.Length} bytes at 0x{address:X}");
        ProgrammedBytes += landed;
    }

    public void EraseSector(int sector)
    {
        EnsurePowered();
        ArgumentOutOfRangeException.ThrowIfNegative(sector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sector, SectorCount);
        int address = sector * SectorSize;

        // An interrupted erase leaves part of the sector erased and the rest as it was.
        int landed = _writesUntilCut == 0 ? _tearPoints.Next(SectorSize) : SectorSize;
        _cells.AsSpan(address, landed).Fill(ErasedByte);
        Persist(address, landed);
        FinishOperation(landed == SectorSize, $"erasing sector {sector}");
    }

    private int BytesBeforeCut(int count)
    {
        if (_writesUntilCut == 0)
        {
            return _tearPoints.Next(count);
        }

        if (_bytesUntilCut >= 0 && count > _bytesUntilCut)
        {
            _writesUntilCut = 0;
            return (int)_bytesUntilCut;
        }

        if (_bytesUntilCut >= 0)
        {
            _bytesUntilCut -= count;
        }

        return count;
    }

    private void FinishOperation(bool completed, string operation)
    {
        if (!completed || _writesUntilCut == 0)
        {
            IsPowered = false;
            _writesUntilCut = -1;
            _bytesUntilCut = -1;
            throw new IOException($"Power cut while {operation}: the flash is not answering.");
        }

        CompletedWrites++;
        if (_writesUntilCut > 0)
        {
            _writesUntilCut--;
        }
    }

    private void EnsurePowered()
    {
        if (!IsPowered)
        {
            throw new IOException("The flash has no power: restore it (reboot) first.");
        }
    }

    private void CheckRange(int address, int count)
    {
        if (address < 0 || count < 0 || address > _cells.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"{count} bytes at 0x{address:X} fall outside the {_cells.Length}-byte flash.");
        }
    }

    private void LoadBackingFile(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using FileStream file = new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        int existing = (int)Math.Min(file.Length, _cells.Length);
        file.ReadExactly(_cells, 0, existing);
        file.SetLength(_cells.Length);
        file.Seek(existing, SeekOrigin.Begin);
        file.Write(_cells, existing, _cells.Length - existing);
    }

    // Flushed to the OS, not fsync'd: the file must survive the simulator being killed, not the host crashing.
    private void Persist(int address, int count)
    {
        if (_backingFile is null || count == 0)
        {
            return;
        }

        using FileStream file = new(_backingFile, FileMode.Open, FileAccess.Write, FileShare.None);
        file.Seek(address, SeekOrigin.Begin);
        file.Write(_cells, address, count);
    }
}
