using System.CommandLine;
using SpeakerHub.LoadGen.Say;

namespace SpeakerHub.LoadGen;

/// <summary>
/// The command line: one subcommand per kind of load. Each mode owns its options and its run; what
/// they share (where the cloud is, how round trips are timed and printed) lives in Cloud/, Measurement/
/// and Terminal/.
/// </summary>
public static class LoadGenCommand
{
    /// <summary>How long Ctrl+C waits for devices and an in-process cloud to shut down cleanly.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(20);

    public static RootCommand Create() => new("Puts load on SpeakerHub and prints latency and throughput figures.")
    {
        SayCommand.Create(),
        Voice.VoiceCommand.Create(),
        Ota.OtaCommand.Create(),
    };
}
