using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Protocol.Messages;
using Xunit.Abstractions;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>
/// A power cut at every flash write of a whole update (erase, chunk writes, record saves, marking the
/// image pending, the loader's trial count, the confirm after boot): the device must always boot a
/// valid signed image, old or new, and once power is back the update must still end installed.
/// </summary>
public sealed class FirmwareUpdatePowerCutTests(ITestOutputHelper output)
{
    private static readonly TestBundle Old = TestBundles.Build("1.0.0");

    // The new image raises the anti-rollback floor, so a resumed install must still do that.
    private static readonly TestBundle New = TestBundles.Build("1.1.0", minimumVersion: "1.1.0");

    private static readonly int[] TearSeeds = [7, 1234];

    public enum Resume
    {
        /// <summary>The twin offers the target again after every boot (it came back with a newer version).</summary>
        TwinOffersAgain,

        /// <summary>The offer is made once: whatever resumes comes from the updater's own record.</summary>
        RecordOnly,
    }

    [Theory]
    [InlineData(Resume.TwinOffersAgain)]
    [InlineData(Resume.RecordOnly)]
    public void A_power_cut_after_any_flash_write_of_an_update_leaves_a_valid_image_and_the_update_still_completes(Resume resume)
    {
        (long totalWrites, _, _) = MeasureUncutUpdate();
        Assert.InRange(totalWrites, 40, 1000);
        int steps = 0;
        for (long cutAfter = 0; cutAfter <= totalWrites; cutAfter++)
        {
            foreach (int seed in TearSeeds)
            {
                OtaRig rig = new(Old, seed: seed);
                rig.Cloud.Serve(New);
                rig.Flash.CutPowerAfterWrites(cutAfter);
                CheckCutAndRecovery(rig, resume, $"cut after {cutAfter} of {totalWrites} writes, seed {seed}, {resume}");
                steps++;
            }
        }

        output.WriteLine($"{resume}: {totalWrites + 1} cut points x {TearSeeds.Length} tear seeds = {steps} power cuts swept");
    }

    [Theory]
    [InlineData(Resume.TwinOffersAgain)]
    [InlineData(Resume.RecordOnly)]
    public void A_power_cut_part_way_through_a_chunk_write_leaves_a_valid_image_and_the_update_still_completes(Resume resume)
    {
        (_, long totalBytes, List<(int Offset, long BytesBefore)> chunkWrites) = MeasureUncutUpdate();
        List<long> cutPoints = [];

        // Inside the first chunk (the header), one in the middle and the last: a byte in, mid-chunk, a byte short.
        foreach ((int offset, long bytesBefore) in new[] { chunkWrites[0], chunkWrites[chunkWrites.Count / 2], chunkWrites[^1] })
        {
            int length = Math.Min(New.ChunkSize, New.Length - offset);
            foreach (int into in new[] { 0, 1, 7, FirmwareBundleHeaderEdge(offset, length), length / 2, length - 1 })
            {
                cutPoints.Add(bytesBefore + into);
            }
        }

        // And a coarse walk over every byte programmed (chunks and records alike).
        for (long bytes = 0; bytes <= totalBytes; bytes += 397)
        {
            cutPoints.Add(bytes);
        }

        foreach (long cutAfter in cutPoints.Distinct().Order())
        {
            OtaRig rig = new(Old, seed: 7);
            rig.Cloud.Serve(New);
            rig.Flash.CutPowerAfterBytes(cutAfter);
            CheckCutAndRecovery(rig, resume, $"cut after {cutAfter} of {totalBytes} bytes, {resume}");
        }

        output.WriteLine($"{resume}: {cutPoints.Distinct().Count()} byte-level power cuts swept");
    }

    [Fact]
    public void An_uncut_update_ends_installed_and_confirmed_with_the_floor_raised()
    {
        OtaRig rig = new(Old);
        rig.Cloud.Serve(New);
        RunUpdate(rig);

        Assert.True(rig.IsInstalled(New));
        Assert.Equal("1.1.0", rig.Updater.Floor);
        Assert.Equal(new BootOutcome(1, New.Length, BootReason.Confirmed), rig.BootAgain());
        Assert.Contains(OtaStatus.StateInstalled, rig.Cloud.StatesFor(New.Id));
        Assert.DoesNotContain(OtaStatus.StateFailed, rig.Cloud.StatesFor(New.Id));
    }

    [Fact]
    public void A_power_cut_between_marking_the_image_pending_and_saving_the_staged_record_still_installs_it()
    {
        OtaRig rig = new(Old);
        rig.Cloud.Serve(New);
        rig.WrapStore = PowerCutStore.AtPhase(rig.Flash, UpdateRecord.PhaseStaged);
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(New.Id);
        rig.Pump();
        Assert.False(rig.Flash.IsPowered);
        rig.Flash.RestorePower();
        rig.WrapStore = null;
        int reports = rig.Cloud.Reports.Count;
        int requests = rig.Cloud.Requests.Count;

        // The loader boots the image marked pending; the record still says "downloading" into that very slot.
        Assert.True(rig.PowerOn());
        Assert.Equal(new BootOutcome(1, New.Length, BootReason.Trial), rig.LastBoot);
        Assert.True(rig.Updater.OnTrial);
        Assert.Equal(UpdateRecord.PhaseStaged, rig.Updater.Phase);
        rig.GoOnline();
        rig.Tick(rig.Options.HealthyAfterMs);

        Assert.Equal([OtaStatus.StateInstalled], rig.Cloud.Reports.Skip(reports).Select(r => r.State));
        Assert.Equal(requests, rig.Cloud.Requests.Count);
        Assert.True(rig.IsInstalled(New));
        Assert.Equal("1.1.0", rig.Updater.Floor);
        Assert.Equal(new BootOutcome(1, New.Length, BootReason.Confirmed), rig.BootAgain());
    }

    /// <summary>The update from the offer to the installed report, as the device runs it; stops where the flash dies.</summary>
    private static void RunUpdate(OtaRig rig)
    {
        if (!rig.PowerOn())
        {
            return;
        }

        rig.GoOnline();
        rig.Offer(New.Id);
        rig.Run(120_000, () => rig.IsInstalled(New));
    }

    private static (long Writes, long Bytes, List<(int Offset, long BytesBefore)> ChunkWrites) MeasureUncutUpdate()
    {
        OtaRig rig = new(Old);
        rig.Cloud.Serve(New);
        long writes = rig.Flash.CompletedWrites;
        long bytes = rig.Flash.ProgrammedBytes;
        List<(int, long)> chunkWrites = [];
        if (rig.PowerOn())
        {
            rig.GoOnline();
            rig.Offer(New.Id);
            rig.Run(
                120_000,
                () => rig.IsInstalled(New),
                chunk =>
                {
                    if (chunk.Offset == rig.Updater.BytesWritten)
                    {
                        chunkWrites.Add((chunk.Offset, rig.Flash.ProgrammedBytes - bytes));
                    }

                    return [chunk];
                });
        }

        Assert.True(rig.IsInstalled(New), "the uncut update did not complete");
        Assert.Equal(New.Length / New.ChunkSize + (New.Length % New.ChunkSize == 0 ? 0 : 1), chunkWrites.Count);
        return (rig.Flash.CompletedWrites - writes, rig.Flash.ProgrammedBytes - bytes, chunkWrites);
    }

    private static void CheckCutAndRecovery(OtaRig rig, Resume resume, string step)
    {
        // Whatever the updater does when flash fails under it, it must not throw (the device loop would die).
        Exception? thrown = Record.Exception(() => RunUpdate(rig));
        Assert.True(thrown is null, $"{step}: the update threw {thrown}");
        bool wasCut = !rig.Flash.IsPowered;
        rig.Flash.RestorePower();
        int reportsBefore = rig.Cloud.Reports.Count;

        // Power back: the loader must find a valid signed image, and it is the old or the new one.
        Assert.True(rig.PowerOn(), $"{step}: the loader failed with power on");
        BootOutcome booted = rig.LastBoot;
        Assert.True(booted.Reason != BootReason.NoValidImage, $"{step}: no valid image to boot ({booted})");
        Assert.True(booted.ImageLength > 0, $"{step}: booted an image of unknown length ({booted})");
        byte[] image = rig.SlotBytes(booted.Slot, booted.ImageLength);
        Assert.True(OtaRig.FullCheckReason(image) == OtaStatus.ReasonNone, $"{step}: slot {booted.Slot} fails the full check ({booted})");
        Assert.True(image.AsSpan().SequenceEqual(Old.Bytes) || image.AsSpan().SequenceEqual(New.Bytes), $"{step}: booted neither the old nor the new bundle");
        Assert.True(rig.RunningVersion == Old.Version || rig.RunningVersion == New.Version, $"{step}: running {rig.RunningVersion}");

        // Carry on as the device would after the reboot.
        rig.ReofferAfterReboot = resume == Resume.TwinOffersAgain ? New.Id : null;
        rig.GoOnline();
        if (resume == Resume.TwinOffersAgain)
        {
            rig.Offer(New.Id);
        }
        else if (!rig.Updater.IsBusy && rig.Updater.ImageId != New.Id)
        {
            // The offer never reached flash: only possible when the cut tore the very first record save.
            Assert.True(wasCut && rig.Cloud.Requests.Count == 0, $"{step}: the updater forgot an offer it had acted on");
            rig.Offer(New.Id);
        }

        rig.Run(300_000, () => rig.IsInstalled(New));

        string state = $"phase {rig.Updater.Phase}, on trial {rig.Updater.OnTrial}, image {rig.Updater.ImageId}, running {rig.RunningVersion}, "
            + $"pending {rig.Slots.PendingSlot}, boots [{string.Join(", ", rig.Boots.Select(b => $"{b.Slot}:{b.Reason}"))}], "
            + $"reports after power-on [{string.Join(", ", rig.Cloud.Reports.Skip(reportsBefore).Select(r => $"{r.State}/{r.Reason}"))}]";
        Assert.True(rig.IsInstalled(New), $"{step}: the update did not complete after the power cut: {state}");
        Assert.True(rig.Updater.Floor == "1.1.0", $"{step}: the floor is {rig.Updater.Floor ?? "unset"}: {state}");
        Assert.True(rig.Cloud.StatesFor(New.Id).Contains(OtaStatus.StateInstalled), $"{step}: never reported installed: {state}");
        List<OtaStatus> after = rig.Cloud.Reports.Skip(reportsBefore).ToList();
        Assert.True(
            !after.Any(r => r.State is OtaStatus.StateFailed or OtaStatus.StateRolledBack),
            $"{step}: reported a failure after power came back: {state}");

        BootOutcome next = rig.BootAgain();
        Assert.True(next.Reason == BootReason.Confirmed && rig.RunningVersion == New.Version, $"{step}: the next boot is {next}, running {rig.RunningVersion}");
    }

    /// <summary>Inside the first chunk, a byte into the signature (the header's last part); elsewhere the chunk's quarter.</summary>
    private static int FirmwareBundleHeaderEdge(int offset, int length) =>
        offset == 0 && New.HeaderLength - 30 < length ? New.HeaderLength - 30 : length / 4;
}
