namespace SpeakerHub.LoadGen.Terminal;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>
    /// At least one round trip (warm-up included) failed, timed out or got a wrong answer; for <c>ota</c>,
    /// a speaker did not install the image in time (or the baseline's pull did not finish).
    /// </summary>
    public const int RoundTripsFailed = 1;

    /// <summary>The run could not start: cloud unreachable, no admin key, devices never came online.</summary>
    public const int SetupFailed = 2;

    /// <summary>Stopped with Ctrl+C; the conventional 128 + SIGINT.</summary>
    public const int Cancelled = 130;
}
