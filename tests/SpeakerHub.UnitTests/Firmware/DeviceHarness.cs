using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>One device with fake ports and a hand-driven clock, ticking in 20 ms steps like the runner.</summary>
internal sealed class DeviceHarness
{
    public const string DeviceId = "kitchen-1";
    public const int TickMs = 20;

    /// <summary>A correlation id the cloud gives a reply nobody asked for (a timer going off).</summary>
    public const uint AnnouncementId = Reply.AnnouncementIdBit | 41;

    public DeviceHarness(DeviceOptions? options = null, IRandomSource? random = null, MemorySettingsStore? store = null)
    {
        Options = options ?? new DeviceOptions();
        Random = random ?? ScriptedRandom.Highest;
        Store = store ?? new MemorySettingsStore();
        Device = new SpeakerDevice(
            new DeviceIdentity(DeviceId, "test-speaker", "1.2.3", Hello.CapabilitySpeaker | Hello.CapabilityOfflineCommands),
            Options,
            Transport,
            Speaker,
            new RecordingLeds(),
            Store,
            Random,
            Observer);
    }

    public DeviceOptions Options { get; }

    public IRandomSource Random { get; }

    public SpeakerDevice Device { get; }

    public FakeTransport Transport { get; } = new();

    public FakeSpeaker Speaker { get; } = new();

    public MemorySettingsStore Store { get; }

    public RecordingObserver Observer { get; } = new();

    public long Now { get; private set; } = 1_000;

    /// <summary>Boots with Wi-Fi up; the device asks the transport to connect.</summary>
    public DeviceHarness Boot()
    {
        Device.OnWifiUp();
        Device.Start(Now);
        return this;
    }

    /// <summary>Boots and completes the first connect.</summary>
    public DeviceHarness BootOnline()
    {
        Boot();
        CompleteConnect();
        return this;
    }

    public void CompleteConnect()
    {
        Transport.IsConnected = true;
        Device.OnConnected(Now);
    }

    public void LoseConnection()
    {
        Transport.IsConnected = false;
        Device.OnConnectionLost(Now);
    }

    /// <summary>Advances the clock tick by tick, as the runner's loop would.</summary>
    public void Advance(long milliseconds)
    {
        long until = Now + milliseconds;
        while (Now < until)
        {
            Now = Math.Min(until, Now + TickMs);
            Device.OnTick(Now);
        }
    }

    /// <summary>Ticks until the device asks for a new connection; returns how long that took.</summary>
    public long AdvanceUntilConnectAttempt(long limitMs = 10 * 60 * 1000)
    {
        int attempts = Transport.ConnectAttempts;
        long start = Now;
        while (Transport.ConnectAttempts == attempts)
        {
            Assert.True(Now - start < limitMs, "no reconnect attempt within the limit");
            Now += TickMs;
            Device.OnTick(Now);
        }

        return Now - start;
    }

    public void Deliver(string kind, Message message)
    {
        byte[] bytes = message.ToBytes() ?? throw new InvalidOperationException("message did not encode");
        Device.OnMessage(Topics.Down(DeviceId, kind), bytes, 0, bytes.Length);
    }

    /// <summary>Hands the device one 20 ms microphone frame and ticks, as the runner's loop does.</summary>
    public void Hear(short[] frame)
    {
        Device.OnAudioFrame(frame);
        Now += TickMs;
        Device.OnTick(Now);
    }

    public void Hear(IEnumerable<short[]> frames)
    {
        foreach (short[] frame in frames)
        {
            Hear(frame);
        }
    }

    public void DeliverRaw(string kind, byte[] bytes) => Device.OnMessage(Topics.Down(DeviceId, kind), bytes, 0, bytes.Length);

    public List<TransportOperation> PublishedOn(string kind) =>
        [.. Transport.Publishes.Where(p => p.Topic == Topics.Up(DeviceId, kind))];

    public static T Decode<T>(TransportOperation publish, T message)
        where T : Message
    {
        Assert.Equal(ProtocolError.None, message.ReadFrom(publish.Payload, 0, publish.Payload.Length));
        return message;
    }

    /// <summary>Every voice chunk published so far, decoded.</summary>
    public List<VoiceChunk> VoiceChunks() =>
    [
        .. PublishedOn(Topics.Voice)
            .Where(publish => publish.Payload[1] == MessageType.VoiceChunk)
            .Select(publish => Decode(publish, new VoiceChunk())),
    ];

    public TwinPatch LastReportedTwin() => Decode(PublishedOn(Topics.Twin).Last(), new TwinPatch(reported: true));

    public List<CommandResult> Results() => [.. PublishedOn(Topics.Result).Select(p => Decode(p, new CommandResult()))];

    public List<DeviceEvent> Events() => [.. PublishedOn(Topics.Event).Select(p => Decode(p, new DeviceEvent()))];

    public static Command Command(uint id, string name, int number = 0, string? text = null) =>
        new() { CorrelationId = id, Name = name, Number = number, Text = text };

    public static TwinPatch Desired(long version, int? volume = null, bool? muted = null, int? wakeSensitivity = null)
    {
        TwinPatch patch = new(reported: false) { Version = version };
        if (volume is int v)
        {
            patch.SetVolume(v);
        }

        if (muted is bool m)
        {
            patch.SetMuted(m);
        }

        if (wakeSensitivity is int w)
        {
            patch.SetWakeSensitivity(w);
        }

        return patch;
    }

    private sealed class RecordingLeds : ILeds
    {
        public void Show(DeviceState state)
        {
        }
    }
}
