namespace SpeakerHub.LoadGen.Cloud;

/// <summary>Where the cloud under test runs.</summary>
public enum CloudHostMode
{
    /// <summary>A cloud host already running (another terminal, another machine), reached by address.</summary>
    External,

    /// <summary>The real cloud host started inside this process on free loopback ports; one command measures everything.</summary>
    InProc,
}
