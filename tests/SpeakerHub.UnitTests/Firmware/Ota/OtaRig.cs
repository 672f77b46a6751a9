using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>
/// One device's update path on a simulated flash: the stable loader (<see cref="FlashFirmwareSlots"/> with
/// the full signature and hash check as its validator), a <see cref="FirmwareUpdater"/> whose record lives
/// in two sectors after the slots, and an <see cref="OtaTestCloud"/>. <see cref="PowerOn"/> is a boot: a new
/// loader and a new updater on the same flash, so nothing survives a restart but what is in flash.
/// Time is explicit (<see cref="Now"/>), advanced in <see cref="StepMs"/> ticks.
/// </summary>
internal sealed class OtaRig
{
    public const int StepMs = 100;
    public const string UnknownVersion = "0.0.0";

    /// <summary>8 sectors of 4 KiB per slot: 32 KiB, room for the ~20 KiB test bundles.</summary>
    public static readonly DeviceFlashLayout Layout = new(slotSectors: 8, sectorSize: 4096);

    public OtaRig(TestBundle factory, FirmwareUpdateOptions? options = null, int seed = 7)
    {
        Options = options ?? SmallOptions();
        Flash = new SimulatedFlash(Layout.SectorCount + AlternatingSectorRecord.CopyCount, Layout.SectorSize, seed: seed);
        new FlashFirmwareSlots(Flash, Layout).InstallFactoryImage(factory.Bytes);
        Cloud.Serve(factory);
    }

    public FirmwareUpdateOptions Options { get; }

    public SimulatedFlash Flash { get; }

    public OtaTestCloud Cloud { get; } = new();

    public FlashFirmwareSlots Slots { get; private set; } = null!;

    public FirmwareUpdater Updater { get; private set; } = null!;

    public BootOutcome LastBoot { get; private set; } = null!;

    public List<BootOutcome> Boots { get; } = [];

    public string RunningVersion { get; private set; } = UnknownVersion;

    public long Now { get; set; } = 1_000;

    /// <summary>After a reboot in <see cref="Run"/>, offer this image again (the twin resent), or nothing when null.</summary>
    public string? ReofferAfterReboot { get; set; }

    /// <summary>Wraps the update record's store at each power-on (e.g. to cut the power at one particular save).</summary>
    public Func<ISettingsStore, ISettingsStore>? WrapStore { get; set; }

    /// <summary>Fast timers: seconds, not minutes; a window of 4 KiB and a checkpoint every 4 KiB.</summary>
    public static FirmwareUpdateOptions SmallOptions() => new()
    {
        WindowBytes = 4096,
        CheckpointBytes = 4096,
        StallMs = 2_000,
        HealthyAfterMs = 3_000,
        TrialDeadlineMs = 20_000,
        ProgressStepBytes = 8192,
        RestartDelayMs = 200,
    };

    public static FlashPartition RecordPartition(SimulatedFlash flash) => new(flash, Layout.SectorCount, AlternatingSectorRecord.CopyCount);

    /// <summary>The loader's validator: the whole bundle decodes, is signed by a trusted key and hashes right.</summary>
    public static bool FullCheck(int slot, ReadOnlySpan<byte> image) => FullCheckReason(image) == OtaStatus.ReasonNone;

    public static byte FullCheckReason(ReadOnlySpan<byte> image) =>
        new SignedImageCheck(TestBundles.TrustedKeys()).CheckBytes(image.ToArray(), 0, image.Length);

    /// <summary>
    /// Power-on: the loader picks the slot, then the app starts its updater. False when the flash died
    /// under the loader (a power cut while it persisted a trial): the device is dead until power returns.
    /// </summary>
    public bool PowerOn()
    {
        Cloud.RestartRequested = false;
        Cloud.IsOnline = false;
        Cloud.DropInFlight();
        Slots = new FlashFirmwareSlots(Flash, Layout, FullCheck);
        try
        {
            LastBoot = Slots.Boot();
        }
        catch (IOException) when (!Flash.IsPowered)
        {
            return false;
        }

        Boots.Add(LastBoot);
        RunningVersion = (LastBoot.ImageLength > 0 ? TestBundles.VersionOf(SlotBytes(LastBoot.Slot, LastBoot.ImageLength)) : null) ?? UnknownVersion;
        Updater = new FirmwareUpdater(
            Slots,
            WrapStore is null ? new FlashSettingsStore(RecordPartition(Flash)) : WrapStore(new FlashSettingsStore(RecordPartition(Flash))),
            Cloud,
            TestBundles.TrustedKeys(),
            TestBundles.Model,
            RunningVersion,
            Options);
        Cloud.Device = Updater;
        Updater.Attach(Cloud);
        Updater.Start(Now);
        return true;
    }

    public void GoOnline()
    {
        Cloud.IsOnline = true;
        Updater.OnOnline(Now);
    }

    public void GoOffline()
    {
        Cloud.IsOnline = false;
        Cloud.DropInFlight();
        Updater.OnOffline();
    }

    public void Offer(string imageId) => Updater.OnTarget(imageId, Now);

    /// <summary>Delivers what is in flight (and what the device asks for meanwhile) until it stops, the flash dies or a restart is due.</summary>
    public int Pump(Func<OtaChunk, IEnumerable<OtaChunk>>? arrange = null, int max = int.MaxValue) =>
        Cloud.Deliver(Now, () => Flash.IsPowered, arrange, max);

    /// <summary>Ticks the updater for <paramref name="ms"/> without delivering anything; stops at a restart.</summary>
    public void Tick(long ms)
    {
        long until = Now + ms;
        while (Now < until && !Cloud.RestartRequested)
        {
            Now = Math.Min(until, Now + StepMs);
            Updater.OnTick(Now);
        }
    }

    /// <summary>
    /// The device loop for up to <paramref name="ms"/>: deliver, tick, and on a restart boot again (and
    /// reconnect, re-offer as configured). Stops early when <paramref name="until"/> holds or the flash dies.
    /// </summary>
    public void Run(long ms, Func<bool>? until = null, Func<OtaChunk, IEnumerable<OtaChunk>>? arrange = null)
    {
        long end = Now + ms;
        while (Now < end && Flash.IsPowered && (until is null || !until()))
        {
            Pump(arrange);
            if (!Flash.IsPowered)
            {
                return;
            }

            if (!Cloud.RestartRequested)
            {
                Now += StepMs;
                Updater.OnTick(Now);
            }

            if (Cloud.RestartRequested && Flash.IsPowered)
            {
                Reboot();
            }
        }
    }

    /// <summary>The restart the updater asked for: boot, reconnect, and re-offer as configured.</summary>
    private void Reboot()
    {
        if (!PowerOn())
        {
            return;
        }

        GoOnline();
        if (ReofferAfterReboot is not null)
        {
            Offer(ReofferAfterReboot);
        }
    }

    /// <summary>The update of <paramref name="bundle"/> is over: it runs, confirmed, and the updater is idle with it installed.</summary>
    public bool IsInstalled(TestBundle bundle) =>
        RunningVersion == bundle.Version && !Updater.IsBusy && Slots.PendingSlot == -1 && Updater.ImageId == bundle.Id;

    public byte[] SlotBytes(int slot, int length)
    {
        byte[] bytes = new byte[length];
        Assert.Equal(length, Slots.Read(slot, 0, bytes, 0, length));
        return bytes;
    }

    /// <summary>A fresh loader on the same flash, to see what the next power-on would boot (this is a boot: it may use a trial).</summary>
    public BootOutcome BootAgain()
    {
        PowerOn();
        return LastBoot;
    }
}
