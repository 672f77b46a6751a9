namespace SpeakerHub.Simulator.Terminal;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>At least one device got no reply (timeout, offline, link dropped).</summary>
    public const int NoReply = 1;

    /// <summary>The fleet could not be set up: no admin key, API unreachable or refusing.</summary>
    public const int SetupFailed = 2;

    /// <summary>The input could not be used: a missing or wrong-format WAV, text that made no audio.</summary>
    public const int BadInput = 3;
}
