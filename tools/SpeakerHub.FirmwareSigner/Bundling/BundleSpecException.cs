namespace SpeakerHub.FirmwareSigner.Bundling;

/// <summary>The spec or image breaks a manifest rule; the message names the rule as one sentence.</summary>
public sealed class BundleSpecException : Exception
{
    public BundleSpecException(string message)
        : base(message)
    {
    }

    public BundleSpecException()
    {
    }

    public BundleSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
