using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using Xunit.Abstractions;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>The updater as <see cref="SpeakerDevice"/> wires it: desired twin → up/ota requests → down/ota chunks → reports.</summary>
public sealed class DeviceOtaTests(ITestOutputHelper output)
{
    private static readonly TestBundle Old = TestBundles.Build("1.0.0");
    private static readonly TestBundle New = TestBundles.Build("1.1.0", minimumVersion: "1.1.0");

    [Fact]
    public void A_firmware_target_in_the_desired_twin_is_fetched_over_up_and_down_ota_staged_and_installed_after_the_restart()
    {
        DeviceOtaRig rig = NewRig();
        Assert.True(rig.PowerOn());
        rig.Connect();
        Assert.Empty(rig.Requests);

        rig.DesiredTwin = DeviceOtaRig.Target(1, New.Id);
        rig.Deliver(Topics.Twin, rig.DesiredTwin);
        rig.Pump();

        Assert.Equal(1, rig.Device.TwinVersion);
        Assert.NotEmpty(rig.Requests);
        Assert.All(rig.Requests, r => Assert.Equal(New.Id, r.ImageId));
        Assert.Equal(0, rig.Requests[0].Offset);
        Assert.Equal(0, rig.Device.MalformedMessages);
        Assert.Equal(0, rig.Device.UnhandledMessages);
        Assert.Equal(0, rig.Device.PortFaults);
        Assert.Equal([OtaStatus.StateVerifying, OtaStatus.StateStaged], rig.Statuses.Select(s => s.State).TakeLast(2));
        Assert.Equal(OtaStatus.StateDownloading, rig.Statuses[0].State);
        Assert.All(rig.Statuses, s => Assert.Equal(("1.0.0", New.Id), (s.RunningVersion, s.ImageId)));
        Assert.Equal(1, rig.Slots.PendingSlot);

        rig.Run(rig.Options.RestartDelayMs, () => rig.RestartRequested);
        Assert.True(rig.RestartRequested);

        // The restart: the loader boots the new image on trial, the cloud sends the same twin (not applied again).
        Assert.True(rig.PowerOn());
        Assert.Equal(new BootOutcome(1, New.Length, BootReason.Trial), rig.LastBoot);
        int requests = rig.Requests.Count;
        rig.Connect();
        Assert.Equal(requests, rig.Requests.Count);

        rig.Run(rig.Options.HealthyAfterMs + 1_000, () => rig.Statuses[^1].State == OtaStatus.StateInstalled);
        OtaStatus installed = rig.Statuses[^1];
        Assert.Equal((OtaStatus.StateInstalled, "1.1.0", New.Id), (installed.State, installed.RunningVersion, installed.ImageId));
        Assert.True(rig.IsInstalled(New));
        Assert.Equal(1, rig.Restarts);

        Assert.True(rig.PowerOn());
        Assert.Equal(new BootOutcome(1, New.Length, BootReason.Confirmed), rig.LastBoot);
    }

    [Fact]
    public void A_rollback_decided_while_offline_is_reported_once_the_device_connects()
    {
        DeviceOtaRig rig = NewRig();
        Assert.True(rig.PowerOn());
        rig.Connect();
        rig.DesiredTwin = DeviceOtaRig.Target(1, New.Id);
        rig.Deliver(Topics.Twin, rig.DesiredTwin);
        rig.Pump();
        rig.ConnectAfterReboot = false;

        // The new image never gets online, so it never confirms: the loader falls back after its trials.
        rig.Run(10 * rig.Options.TrialDeadlineMs, () => rig.LastBoot?.Reason == BootReason.TrialsExhausted);
        Assert.Equal(new BootOutcome(0, Old.Length, BootReason.TrialsExhausted), rig.LastBoot);
        Assert.Equal(1 + FlashFirmwareSlots.DefaultBootTrials, rig.Restarts);
        int statuses = rig.Statuses.Count;

        rig.Connect();

        OtaStatus rolledBack = rig.Statuses.Skip(statuses).Single();
        Assert.Equal((OtaStatus.StateRolledBack, OtaStatus.ReasonHealthNotConfirmed, "1.0.0"), (rolledBack.State, rolledBack.Reason, rolledBack.RunningVersion));

        // A newer twin naming the same image is answered from memory, not downloaded again.
        int requests = rig.Requests.Count;
        rig.DesiredTwin = DeviceOtaRig.Target(2, New.Id);
        rig.Deliver(Topics.Twin, rig.DesiredTwin);
        rig.Pump();
        Assert.Equal(requests, rig.Requests.Count);
        Assert.Equal(OtaStatus.StateRolledBack, rig.Statuses[^1].State);
    }

    [Fact]
    public void A_power_cut_at_any_flash_write_after_the_twin_arrives_still_ends_with_the_new_image_installed()
    {
        long totalWrites = MeasureUncut();
        for (long cutAfter = 0; cutAfter <= totalWrites; cutAfter++)
        {
            string step = $"cut after {cutAfter} of {totalWrites} writes";
            DeviceOtaRig rig = NewRig();
            Assert.True(rig.PowerOn());
            rig.Connect();
            rig.Flash.CutPowerAfterWrites(cutAfter);
            Exception? thrown = Record.Exception(() => UpdateThroughTwin(rig));
            Assert.True(thrown is null, $"{step}: the device threw {thrown}");
            rig.Flash.RestorePower();
            int statuses = rig.Statuses.Count;

            // Power back: the device boots a valid image, connects, and the cloud sends the twin it holds (version 1).
            Assert.True(rig.PowerOn(), $"{step}: the boot failed with power on");
            Assert.True(rig.LastBoot.Reason != BootReason.NoValidImage, $"{step}: no valid image ({rig.LastBoot})");
            Assert.True(rig.RunningVersion == Old.Version || rig.RunningVersion == New.Version, $"{step}: running {rig.RunningVersion}");
            rig.Connect();
            rig.Run(300_000, () => rig.IsInstalled(New));

            string state = $"twin version {rig.Device.TwinVersion}, phase {rig.Updater.Phase}, image {rig.Updater.ImageId}, running {rig.RunningVersion}, "
                + $"statuses after power-on [{string.Join(", ", rig.Statuses.Skip(statuses).Select(s => $"{s.State}/{s.Reason}"))}]";
            Assert.True(rig.IsInstalled(New), $"{step}: the update did not complete: {state}");
            Assert.True(rig.Updater.Floor == "1.1.0", $"{step}: floor {rig.Updater.Floor ?? "unset"}: {state}");
            Assert.True(
                !rig.Statuses.Skip(statuses).Any(s => s.State is OtaStatus.StateFailed or OtaStatus.StateRolledBack),
                $"{step}: reported a failure after power came back: {state}");
        }

        output.WriteLine($"{totalWrites + 1} power cuts swept through the device");
    }

    [Fact]
    public void A_power_cut_while_the_updater_records_the_offer_leaves_the_twin_unapplied_so_the_resent_twin_offers_it_again()
    {
        DeviceOtaRig rig = NewRig();
        rig.WrapUpdateStore = PowerCutStore.AtPhase(rig.Flash, UpdateRecord.PhaseErasing);
        Assert.True(rig.PowerOn());
        rig.Connect();
        rig.DesiredTwin = DeviceOtaRig.Target(1, New.Id);
        rig.Deliver(Topics.Twin, rig.DesiredTwin);
        Assert.False(rig.Flash.IsPowered);
        Assert.Empty(rig.Requests);
        rig.Flash.RestorePower();
        rig.WrapUpdateStore = null;

        Assert.True(rig.PowerOn());
        Assert.Equal(0, rig.Device.TwinVersion);
        Assert.False(rig.Updater.IsBusy);
        rig.Connect();

        Assert.Equal(1, rig.Device.TwinVersion);
        Assert.NotEmpty(rig.Requests);
        rig.Run(120_000, () => rig.IsInstalled(New));
        Assert.True(rig.IsInstalled(New));
    }

    private static long MeasureUncut()
    {
        DeviceOtaRig rig = NewRig();
        Assert.True(rig.PowerOn());
        rig.Connect();
        long before = rig.Flash.CompletedWrites;
        UpdateThroughTwin(rig);
        Assert.True(rig.IsInstalled(New));
        return rig.Flash.CompletedWrites - before;
    }

    private static void UpdateThroughTwin(DeviceOtaRig rig)
    {
        rig.DesiredTwin = DeviceOtaRig.Target(1, New.Id);
        rig.Deliver(Topics.Twin, rig.DesiredTwin);
        rig.Pump();
        rig.Run(120_000, () => rig.IsInstalled(New));
    }

    private static DeviceOtaRig NewRig()
    {
        DeviceOtaRig rig = new(Old);
        rig.Serve(New);
        return rig;
    }
}
