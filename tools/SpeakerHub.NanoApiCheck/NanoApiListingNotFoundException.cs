namespace SpeakerHub.NanoApiCheck;

/// <summary>The API listing the checker compares against is not where it was looked for.</summary>
public sealed class NanoApiListingNotFoundException : Exception
{
    public NanoApiListingNotFoundException()
        : base("The nanoFramework API listing was not found.")
    {
    }

    public NanoApiListingNotFoundException(string message)
        : base(message)
    {
    }

    public NanoApiListingNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
