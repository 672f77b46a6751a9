using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Grains.Fleet;

[GenerateSerializer, Alias("SpeakerHub.RolloutState")]
public sealed class RolloutState
{
    [Id(0)]
    public RolloutSpec? Spec { get; set; }

    [Id(1)]
    public string Version { get; set; } = string.Empty;

    [Id(2)]
    public RolloutPhase Phase { get; set; }

    [Id(3)]
    public string? Reason { get; set; }

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(5)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(6)]
    public List<RolloutWave> Waves { get; set; } = [];

    [Id(7)]
    public int CurrentWave { get; set; }

    /// <summary>Every selected device, by id.</summary>
    [Id(8)]
    public Dictionary<string, RolloutDevice> Devices { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When a rollback was started, and which image each previous version goes back to.</summary>
    [Id(9)]
    public DateTimeOffset? RollbackStartedAt { get; set; }

    [Id(10)]
    public Dictionary<string, string> RollbackImages { get; set; } = new(StringComparer.Ordinal);

    public bool Exists => Spec is not null;
}

[GenerateSerializer, Alias("SpeakerHub.RolloutWave")]
public sealed class RolloutWave
{
    [Id(0)]
    public int Index { get; set; }

    [Id(1)]
    public double Percent { get; set; }

    [Id(2)]
    public List<string> DeviceIds { get; set; } = [];

    [Id(3)]
    public DateTimeOffset? StartedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? SoakUntil { get; set; }

    [Id(5)]
    public DateTimeOffset? CompletedAt { get; set; }

    [Id(6)]
    public WaveVerdict? Verdict { get; set; }

    /// <summary>Health counters when the wave started: its devices and the control sample.</summary>
    [Id(7)]
    public Dictionary<string, DeviceHealthCounters> Baseline { get; set; } = new(StringComparer.Ordinal);

    [Id(8)]
    public List<string> ControlIds { get; set; } = [];
}

[GenerateSerializer, Alias("SpeakerHub.RolloutDevice")]
public sealed class RolloutDevice
{
    [Id(0)]
    public int Wave { get; set; }

    /// <summary>Null until offered.</summary>
    [Id(1)]
    public DeviceUpdateState? State { get; set; }

    [Id(2)]
    public string? Reason { get; set; }

    [Id(3)]
    public string? FromVersion { get; set; }

    [Id(4)]
    public string? RollbackImageId { get; set; }

    [Id(5)]
    public DeviceUpdateState? RollbackState { get; set; }
}
