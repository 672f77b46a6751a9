using System.Security.Cryptography;
using SpeakerHub.Firmware.Host.Hardware.Flash;

namespace SpeakerHub.UnitTests.HardwareTwins;

public sealed class FirmwareSlotsTests
{
    private const int ImageLength = 10_000;
    private const int ChunkLength = 1_024;
    private const int TearSeeds = 3;

    private static readonly DeviceFlashLayout Layout = new(slotSectors: 4);
    private static readonly byte[] OldImage = Image(1);
    private static readonly byte[] NewImage = Image(2);

    private enum UpdateProgress
    {
        NotStaged,
        Pending,
        Confirmed,
    }

    [Fact]
    public void A_power_cut_at_any_write_of_an_update_always_leaves_a_bootable_valid_image()
    {
        int updateWrites = WritesForAWholeUpdate();
        for (int cutAfter = 0; cutAfter <= updateWrites; cutAfter++)
        {
            for (int seed = 0; seed < TearSeeds; seed++)
            {
                SimulatedFlash flash = FactoryFlash(seed);
                flash.CutPowerAfterWrites(cutAfter);
                UpdateProgress progress = Update(flash);
                flash.RestorePower();
                string step = $"cut after {cutAfter} writes, seed {seed}, {progress}";

                byte[] booted = BootAndReadImage(flash, step);
                if (progress == UpdateProgress.NotStaged)
                {
                    Assert.True(booted.SequenceEqual(OldImage), $"{step}: booted something other than the old image");
                }
                else if (progress == UpdateProgress.Confirmed)
                {
                    Assert.True(booted.SequenceEqual(NewImage), $"{step}: a confirmed update did not stick");
                }

                // Never confirmed again: it keeps booting valid images and settles on old unless confirmed.
                for (int boot = 0; boot < FlashFirmwareSlots.DefaultBootTrials; boot++)
                {
                    booted = BootAndReadImage(flash, step);
                }

                Assert.True(booted.SequenceEqual(progress == UpdateProgress.Confirmed ? NewImage : OldImage), $"{step}: settled on the wrong image");
            }
        }
    }

    [Fact]
    public void A_pending_image_that_never_confirms_falls_back_after_its_trials()
    {
        SimulatedFlash flash = FactoryFlash(seed: 0);
        FlashFirmwareSlots slots = Slots(flash);
        slots.Boot();
        Stage(slots, NewImage);

        for (int trial = 0; trial < FlashFirmwareSlots.DefaultBootTrials; trial++)
        {
            Assert.Equal(new BootOutcome(1, ImageLength, BootReason.Trial), Slots(flash).Boot());
        }

        Assert.Equal(new BootOutcome(0, ImageLength, BootReason.TrialsExhausted), Slots(flash).Boot());
        Assert.Equal(new BootOutcome(0, ImageLength, BootReason.Confirmed), Slots(flash).Boot());
    }

    [Fact]
    public void A_pending_image_that_fails_validation_is_never_booted()
    {
        SimulatedFlash flash = FactoryFlash(seed: 0);
        FlashFirmwareSlots slots = Slots(flash);
        slots.Boot();
        byte[] corrupt = [.. NewImage];
        corrupt[ImageLength / 2] ^= 0x01;
        Stage(slots, corrupt);

        Assert.Equal(new BootOutcome(0, ImageLength, BootReason.PendingImageRejected), Slots(flash).Boot());
    }

    [Fact]
    public void The_running_image_and_its_fallback_cannot_be_overwritten_and_unerased_writes_are_reported()
    {
        SimulatedFlash flash = FactoryFlash(seed: 0);
        FlashFirmwareSlots slots = Slots(flash);
        slots.Boot();

        Assert.False(slots.Erase(0));
        Assert.False(slots.Write(0, 0, NewImage, 0, ChunkLength));
        Assert.True(slots.Erase(1));
        Assert.True(slots.Write(1, 0, [0x0F], 0, 1));
        Assert.False(slots.Write(1, 0, [0xF0], 0, 1));
    }

    [Fact]
    public void A_confirmed_update_is_what_boots_from_then_on()
    {
        SimulatedFlash flash = FactoryFlash(seed: 0);
        Assert.Equal(UpdateProgress.Confirmed, Update(flash));

        FlashFirmwareSlots rebooted = Slots(flash);
        Assert.Equal(new BootOutcome(1, ImageLength, BootReason.Confirmed), rebooted.Boot());
        Assert.Equal(-1, rebooted.PendingSlot);
    }

    /// <summary>Download into slot 1, mark pending, reboot onto it, confirm; how far it got before the flash died.</summary>
    private static UpdateProgress Update(SimulatedFlash flash)
    {
        UpdateProgress progress = UpdateProgress.NotStaged;
        try
        {
            FlashFirmwareSlots slots = Slots(flash);
            slots.Boot();
            if (!Stage(slots, NewImage))
            {
                return progress;
            }

            progress = UpdateProgress.Pending;
            FlashFirmwareSlots rebooted = Slots(flash);
            if (rebooted.Boot().Slot == 1 && rebooted.ConfirmActive())
            {
                progress = UpdateProgress.Confirmed;
            }
        }
        catch (IOException)
        {
            // The loader itself lost power (persisting a trial); the device is dead until the reboot.
        }

        return progress;
    }

    private static bool Stage(FlashFirmwareSlots slots, byte[] image)
    {
        if (!slots.Erase(1))
        {
            return false;
        }

        for (int offset = 0; offset < image.Length; offset += ChunkLength)
        {
            if (!slots.Write(1, offset, image, offset, Math.Min(ChunkLength, image.Length - offset)))
            {
                return false;
            }
        }

        return slots.MarkPending(1, image.Length);
    }

    private static byte[] BootAndReadImage(SimulatedFlash flash, string step)
    {
        FlashFirmwareSlots slots = Slots(flash);
        BootOutcome outcome = slots.Boot();
        Assert.True(outcome.Reason != BootReason.NoValidImage, $"{step}: no valid image to boot");
        byte[] image = new byte[outcome.ImageLength];
        Assert.Equal(image.Length, slots.Read(outcome.Slot, 0, image, 0, image.Length));
        Assert.True(IsIntact(outcome.Slot, image), $"{step}: booted slot {outcome.Slot} holds a corrupt image");
        return image;
    }

    private static int WritesForAWholeUpdate()
    {
        SimulatedFlash flash = FactoryFlash(seed: 0);
        long before = flash.CompletedWrites;
        Assert.Equal(UpdateProgress.Confirmed, Update(flash));
        return (int)(flash.CompletedWrites - before);
    }

    private static SimulatedFlash FactoryFlash(int seed)
    {
        SimulatedFlash flash = Layout.CreateFlash(seed: seed);
        Slots(flash).InstallFactoryImage(OldImage);
        return flash;
    }

    private static FlashFirmwareSlots Slots(SimulatedFlash flash) => new(flash, Layout, IsIntact);

    /// <summary>Test images end in the SHA-256 of everything before it; the loader boots only intact ones.</summary>
    private static bool IsIntact(int slot, ReadOnlySpan<byte> image) =>
        image.Length > SHA256.HashSizeInBytes
        && SHA256.HashData(image[..^SHA256.HashSizeInBytes]).AsSpan().SequenceEqual(image[^SHA256.HashSizeInBytes..]);

    private static byte[] Image(int seed)
    {
        byte[] image = new byte[ImageLength];
        new Random(seed).NextBytes(image.AsSpan(0, ImageLength - SHA256.HashSizeInBytes));
        SHA256.HashData(image.AsSpan(0, ImageLength - SHA256.HashSizeInBytes), image.AsSpan(ImageLength - SHA256.HashSizeInBytes));
        return image;
    }
}
