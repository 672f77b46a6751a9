using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>
/// A whole <see cref="SpeakerDevice"/> with its updater on one simulated flash (settings, boot record, slots,
/// update record), and the cloud's side of <c>up/ota</c>/<c>down/ota</c> played over a <see cref="FakeTransport"/>:
/// every request the device publishes is answered with chunks delivered through <see cref="SpeakerDevice.OnMessage"/>.
/// On each connect the cloud sends the desired twin it holds, as the real one does; the device applies only a newer version.
/// </summary>
internal sealed class DeviceOtaRig : IUpdateHost
{
    public const string DeviceId = "kitchen-1";
    public const int StepMs = 100;

    private readonly Dictionary<string, TestBundle> _bundles = [];
    private int _seen;

    public DeviceOtaRig(TestBundle factory, int seed = 7)
    {
        Flash = new SimulatedFlash(OtaRig.Layout.SectorCount + AlternatingSectorRecord.CopyCount, OtaRig.Layout.SectorSize, seed: seed);
        new FlashFirmwareSlots(Flash, OtaRig.Layout).InstallFactoryImage(factory.Bytes);
        Serve(factory);
    }

    public SimulatedFlash Flash { get; }

    public FirmwareUpdateOptions Options { get; } = OtaRig.SmallOptions();

    public FlashFirmwareSlots Slots { get; private set; } = null!;

    public FirmwareUpdater Updater { get; private set; } = null!;

    public SpeakerDevice Device { get; private set; } = null!;

    public FakeTransport Transport { get; private set; } = null!;

    public BootOutcome LastBoot { get; private set; } = null!;

    public string RunningVersion { get; private set; } = OtaRig.UnknownVersion;

    public long Now { get; set; } = 1_000;

    /// <summary>The desired twin the cloud holds and sends after every connect; null for none.</summary>
    public TwinPatch? DesiredTwin { get; set; }

    /// <summary>Connect after a reboot in <see cref="Run"/>.</summary>
    public bool ConnectAfterReboot { get; set; } = true;

    /// <summary>Wraps the update record's store at each power-on (e.g. to cut the power at one particular save).</summary>
    public Func<ISettingsStore, ISettingsStore>? WrapUpdateStore { get; set; }

    public List<OtaRequest> Requests { get; } = [];

    public List<OtaStatus> Statuses { get; } = [];

    public int Restarts { get; private set; }

    public bool RestartRequested { get; private set; }

    public void Serve(TestBundle bundle) => _bundles[bundle.Id] = bundle;

    public void Restart()
    {
        Restarts++;
        RestartRequested = true;
    }

    /// <summary>Loader, then the device and its updater; false when the flash died during the boot.</summary>
    public bool PowerOn()
    {
        RestartRequested = false;
        Slots = new FlashFirmwareSlots(Flash, OtaRig.Layout, OtaRig.FullCheck);
        try
        {
            LastBoot = Slots.Boot();
            byte[] image = new byte[LastBoot.ImageLength];
            Slots.Read(LastBoot.Slot, 0, image, 0, image.Length);
            RunningVersion = TestBundles.VersionOf(image) ?? OtaRig.UnknownVersion;
            Updater = new FirmwareUpdater(
                Slots,
                WrapUpdateStore is null ? new FlashSettingsStore(OtaRig.RecordPartition(Flash)) : WrapUpdateStore(new FlashSettingsStore(OtaRig.RecordPartition(Flash))),
                this,
                TestBundles.TrustedKeys(),
                TestBundles.Model,
                RunningVersion,
                Options);
            Transport = new FakeTransport();
            _seen = 0;
            Device = new SpeakerDevice(
                new DeviceIdentity(DeviceId, TestBundles.Model, RunningVersion, Hello.CapabilitySpeaker),
                new DeviceOptions(),
                Transport,
                new FakeSpeaker(),
                new NoLeds(),
                new FlashSettingsStore(OtaRig.Layout.Settings(Flash)),
                ScriptedRandom.Highest,
                new RecordingObserver(),
                Updater);
            Device.OnWifiUp();

            // The device counts the boot in its settings: a cut there is a cut during boot, not an updater fault.
            Device.Start(Now);
            return true;
        }
        catch (IOException) when (!Flash.IsPowered)
        {
            return false;
        }
    }

    /// <summary>The MQTT connect completes; the cloud sends the desired twin it holds, then answers what the device asks.</summary>
    public void Connect()
    {
        Transport.IsConnected = true;
        Device.OnConnected(Now);
        if (DesiredTwin is not null)
        {
            Deliver(Topics.Twin, DesiredTwin);
        }

        Pump();
    }

    public void Deliver(string kind, Message message)
    {
        byte[] bytes = message.ToBytes() ?? throw new InvalidOperationException("message did not encode");
        Device.OnMessage(Topics.Down(DeviceId, kind), bytes, 0, bytes.Length);
    }

    /// <summary>Reads what the device published on <c>up/ota</c> and answers each request, until it asks for nothing more.</summary>
    public void Pump()
    {
        string otaUp = Topics.Up(DeviceId, Topics.Ota);
        while (Flash.IsPowered && !RestartRequested)
        {
            List<TransportOperation> publishes = [.. Transport.Publishes];
            if (_seen >= publishes.Count)
            {
                return;
            }

            TransportOperation publish = publishes[_seen++];
            if (publish.Topic != otaUp)
            {
                continue;
            }

            if (publish.Payload[1] == MessageType.OtaStatus)
            {
                Statuses.Add(DeviceHarness.Decode(publish, new OtaStatus()));
            }
            else
            {
                Assert.Equal(MessageType.OtaRequest, publish.Payload[1]);
                OtaRequest request = DeviceHarness.Decode(publish, new OtaRequest());
                Requests.Add(request);
                Answer(request);
            }
        }
    }

    /// <summary>The device loop: tick, serve, and on a restart boot again and reconnect. Stops early on <paramref name="until"/> or a dead flash.</summary>
    public void Run(long ms, Func<bool>? until = null)
    {
        long end = Now + ms;
        while (Now < end && Flash.IsPowered && (until is null || !until()))
        {
            if (RestartRequested)
            {
                if (!PowerOn())
                {
                    return;
                }

                if (ConnectAfterReboot)
                {
                    Connect();
                }

                continue;
            }

            Now += StepMs;
            Device.OnTick(Now);
            Pump();
        }
    }

    public bool IsInstalled(TestBundle bundle) =>
        RunningVersion == bundle.Version && !Updater.IsBusy && Slots.PendingSlot == -1 && Updater.ImageId == bundle.Id;

    public static TwinPatch Target(long version, string imageId)
    {
        TwinPatch twin = new(reported: false) { Version = version };
        twin.SetFirmwareTarget(imageId);
        return twin;
    }

    private void Answer(OtaRequest request)
    {
        if (!_bundles.TryGetValue(request.ImageId, out TestBundle? bundle))
        {
            Deliver(Topics.Ota, new OtaChunk { ImageId = request.ImageId, Offset = 0, TotalLength = 0, Error = "unknown image" });
            return;
        }

        int end = Math.Min(bundle.Length, request.Offset + request.Length);
        for (int offset = request.Offset; offset < end && Flash.IsPowered && !RestartRequested; offset += bundle.ChunkSize)
        {
            int count = Math.Min(bundle.ChunkSize, end - offset);
            Deliver(Topics.Ota, new OtaChunk
            {
                ImageId = bundle.Id,
                Offset = offset,
                TotalLength = bundle.Length,
                DataBuffer = bundle.Bytes,
                DataOffset = offset,
                DataLength = count,
            });
        }
    }

    private sealed class NoLeds : ILeds
    {
        public void Show(DeviceState state)
        {
        }
    }
}
