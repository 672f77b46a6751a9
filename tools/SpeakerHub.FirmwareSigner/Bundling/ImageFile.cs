using System.Security.Cryptography;
using SpeakerHub.FirmwareSigner.Terminal;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.FirmwareSigner.Bundling;

/// <summary>
/// Reads an image in 64 KiB blocks, hashing each block as it arrives, so a big image is read once and the
/// progress bar moves with real work.
/// </summary>
public static class ImageFile
{
    public const int BlockSize = 64 * 1024;

    /// <summary>The largest image a bundle (one array, header included) can hold.</summary>
    public const int MaxLength = int.MaxValue - FirmwareBundle.MaxHeaderLength - 1024;

    /// <summary>The image's size, or a one-line error when it is missing, empty or too big to bundle.</summary>
    public static long Measure(string path)
    {
        if (!File.Exists(path))
        {
            throw new SignerException($"the image {path} does not exist");
        }

        long length = new FileInfo(path).Length;
        if (length == 0)
        {
            throw new SignerException($"the image {path} is empty: there is nothing to sign");
        }

        return length > Math.Min(MaxLength, Array.MaxLength - FirmwareBundle.MaxHeaderLength)
            ? throw new SignerException($"the image {path} is {length:N0} bytes; a bundle holds at most {MaxLength:N0}")
            : length;
    }

    public static LoadedImage Read(string path, IProgress<long>? progress = null)
    {
        long expected = Measure(path);
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BlockSize, FileOptions.SequentialScan);
        byte[] bytes = new byte[expected];
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int filled = 0;
        while (filled < bytes.Length)
        {
            int read = stream.Read(bytes, filled, Math.Min(BlockSize, bytes.Length - filled));
            if (read == 0)
            {
                throw new SignerException($"the image {path} shrank while it was read; sign it once nothing is writing to it", ExitCodes.Invalid);
            }

            hash.AppendData(bytes, filled, read);
            filled += read;
            progress?.Report(filled);
        }

        if (stream.ReadByte() >= 0)
        {
            throw new SignerException($"the image {path} grew while it was read; sign it once nothing is writing to it", ExitCodes.Invalid);
        }

        return new LoadedImage(bytes, hash.GetHashAndReset());
    }
}
