using SpeakerHub.FirmwareSigner.Terminal;

namespace SpeakerHub.FirmwareSigner.Checking;

/// <summary>Reads a bundle to check; a missing file is the operator's mistake (exit 2), not an invalid bundle.</summary>
public static class BundleFile
{
    public static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SignerException($"{path} does not exist");
        }

        long length = new FileInfo(path).Length;
        return length > Array.MaxLength
            ? throw new SignerException($"{path} is {length:N0} bytes, larger than any firmware bundle", ExitCodes.Invalid)
            : File.ReadAllBytes(path);
    }
}
