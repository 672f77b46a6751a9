namespace SpeakerHub.FirmwareSigner.Terminal;

/// <summary>What scripts and CI read: 0 done or valid, 1 refused or failed, 2 the command was used wrongly.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The bundle checked is not valid, or a bundle just written did not verify, or a file could not be written.</summary>
    public const int Invalid = 1;

    /// <summary>Bad options or input files: unknown option, bad version text, unreadable key, output already there.</summary>
    public const int Usage = 2;
}
