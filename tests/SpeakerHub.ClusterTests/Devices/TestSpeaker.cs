using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.ClusterTests.Devices;

/// <summary>
/// A provisioned device as the grain sees it through a gateway: sessions opened with a recording
/// downlink, and uplinks encoded with the same Protocol code the firmware uses.
/// </summary>
public sealed class TestSpeaker
{
    public const string Model = "sh-mini";
    public const string Firmware = "1.2.0";

    private readonly IDownlink downlinkReference;

    private TestSpeaker(IClusterClient client, string deviceId)
    {
        DeviceId = deviceId;
        Grain = client.GetDevice(deviceId);

        // The reference holds the object weakly; this instance keeps it alive for the whole test.
        downlinkReference = client.CreateObjectReference<IDownlink>(Downlink);
    }

    public string DeviceId { get; }

    public IDeviceGrain Grain { get; }

    public RecordingDownlink Downlink { get; } = new();

    public string Session { get; private set; } = string.Empty;

    public static async Task<TestSpeaker> ProvisionAsync(DeviceClusterFixture fixture)
    {
        var speaker = new TestSpeaker(fixture.Client, NewDeviceId());
        await speaker.Grain.Provision(Model);
        return speaker;
    }

    public static string NewDeviceId() => "test-" + Guid.NewGuid().ToString("N");

    public async Task ConnectAsync(string session)
    {
        Session = session;
        await Grain.OnConnected(session, downlinkReference);
    }

    /// <summary>Connects and says hello, as the firmware does after every (re)connect.</summary>
    public async Task ComeOnlineAsync(string session, int bootCount = 1)
    {
        await ConnectAsync(session);
        await HelloAsync(bootCount);
    }

    public Task HelloAsync(int bootCount = 1) =>
        SendAsync(Topics.Hello, new Hello { FirmwareVersion = Firmware, Model = Model, BootCount = bootCount });

    public Task ReportTwinAsync(long version, int volume, bool muted)
    {
        var patch = new TwinPatch(reported: true) { Version = version };
        patch.SetVolume(volume);
        patch.SetMuted(muted);
        return SendAsync(Topics.Twin, patch);
    }

    /// <summary>Applies a desired patch the way firmware does and reports what it applied.</summary>
    public Task ApplyAsync(TwinPatch desired) => ReportTwinAsync(desired.Version, desired.Volume, desired.Muted);

    public Task AnswerAsync(uint commandId) =>
        SendAsync(Topics.Result, new CommandResult { CorrelationId = commandId, Outcome = CommandResult.OutcomeDone });

    public Task SendAsync(string kind, Message message) => Grain.OnUplink(Session, kind, message.ToBytes());

    public async Task<DeviceSnapshot> SnapshotAsync() =>
        await Grain.GetSnapshot() ?? throw new InvalidOperationException($"{DeviceId} has no snapshot.");
}
