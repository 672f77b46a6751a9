using SpeakerHub.LoadGen.Baseline;

namespace SpeakerHub.LoadGen.Ota;

/// <summary>What one <c>ota</c> run measured, for the report.</summary>
public sealed record OtaResult(
    int Devices,
    int ImageBytes,
    int BundleBytes,
    int ChunkBytes,
    int WindowBytes,
    int HealthyAfterMs,
    string RolloutId,
    string RolloutPhase,
    IReadOnlyDictionary<string, int> States,
    TimeSpan? AllStaged,
    TimeSpan? AllInstalled,
    IReadOnlyList<double> InstalledAfterMs,
    IReadOnlyDictionary<string, int> FailureReasons,
    TimeSpan Watched,
    TimeSpan Cpu,
    long PeakWorkingSetBytes,
    IReadOnlyList<RolloutSample> Timeline,
    IReadOnlyList<string> Stragglers,
    BulkPullResult? Baseline)
{
    public int Installed => States.GetValueOrDefault("installed");

    public bool Succeeded => Installed == Devices && AllInstalled is not null;
}
