namespace SpeakerHub.FirmwareSigner.Terminal;

/// <summary>
/// A file written next to its destination under a temporary name and renamed into place only by
/// <see cref="Commit"/>: a crash, a full disk or a failed check never leaves a half-written key or bundle
/// where the operator expects a good one. Disposing an uncommitted file deletes it.
/// </summary>
public sealed class StagedFile : IDisposable
{
    /// <summary>Writes go out in blocks of this size, each one reported to the progress bar.</summary>
    public const int BlockSize = 64 * 1024;

    private readonly string _destination;
    private bool _committed;

    private StagedFile(string destination, string temporaryPath)
    {
        _destination = destination;
        TemporaryPath = temporaryPath;
    }

    public string TemporaryPath { get; }

    /// <param name="unixMode">The mode the file is created with (e.g. 600 for a private key); ignored on Windows.</param>
    public static StagedFile Write(string destination, ReadOnlySpan<byte> content, UnixFileMode? unixMode = null, IProgress<long>? progress = null)
    {
        string fullPath = Path.GetFullPath(destination);
        string directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            throw new SignerException($"the folder {directory} does not exist");
        }

        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        FileStreamOptions options = new() { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (unixMode is { } mode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        StagedFile staged = new(fullPath, temporary);
        try
        {
            using FileStream stream = new(temporary, options);
            for (int offset = 0; offset < content.Length; offset += BlockSize)
            {
                int count = Math.Min(BlockSize, content.Length - offset);
                stream.Write(content.Slice(offset, count));
                progress?.Report(offset + count);
            }

            stream.Flush(flushToDisk: true);
        }
        catch
        {
            staged.Dispose();
            throw;
        }

        return staged;
    }

    /// <summary>Renames the file into place; without <paramref name="overwrite"/> an existing file is an error.</summary>
    public void Commit(bool overwrite)
    {
        try
        {
            File.Move(TemporaryPath, _destination, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(_destination))
        {
            throw new SignerException($"{_destination} already exists; pass --force to replace it");
        }

        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }
}
