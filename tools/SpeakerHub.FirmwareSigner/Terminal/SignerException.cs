namespace SpeakerHub.FirmwareSigner.Terminal;

/// <summary>
/// A problem the operator can fix (a missing file, a malformed key, a refused version): its message is
/// printed as one line and the command exits with <see cref="ExitCode"/>, without a stack trace.
/// </summary>
public sealed class SignerException : Exception
{
    public SignerException(string message, int exitCode = ExitCodes.Usage)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public SignerException()
    {
    }

    public SignerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Usage;
}
