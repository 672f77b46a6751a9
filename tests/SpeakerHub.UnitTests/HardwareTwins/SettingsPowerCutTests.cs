using SpeakerHub.Firmware.Core.Settings;
using SpeakerHub.Firmware.Host.Hardware.Flash;

namespace SpeakerHub.UnitTests.HardwareTwins;

/// <summary>The settings store against a power cut at every step of a run of saves.</summary>
public sealed class SettingsPowerCutTests
{
    private const int CommandCapacity = 16;
    private const int Saves = 6;
    private const int TearSeeds = 8;

    private static readonly DeviceFlashLayout Layout = new(slotSectors: 1);

    [Fact]
    public void Settings_saved_and_loaded_come_back_unchanged_and_a_fresh_flash_loads_nothing()
    {
        SimulatedFlash flash = Layout.CreateFlash();
        FlashSettingsStore store = new(Layout.Settings(flash));
        byte[] buffer = new byte[256];

        Assert.Equal(0, store.Load(buffer));

        byte[] record = Record(1);
        store.Save(record, record.Length);
        Assert.Equal(record, buffer[..new FlashSettingsStore(Layout.Settings(flash)).Load(buffer)]);
    }

    [Fact]
    public void A_power_cut_after_any_number_of_flash_writes_leaves_the_last_completed_save()
    {
        int totalWrites = WritesForAllSaves();
        for (int cutAfter = 0; cutAfter <= totalWrites; cutAfter++)
        {
            for (int seed = 0; seed < TearSeeds; seed++)
            {
                SimulatedFlash flash = Layout.CreateFlash(seed: seed);
                flash.CutPowerAfterWrites(cutAfter);
                int completed = SaveUntilPowerFails(flash);
                flash.RestorePower();

                AssertLoads(flash, completed, $"cut after {cutAfter} writes, seed {seed}");
            }
        }
    }

    [Fact]
    public void A_power_cut_at_any_byte_of_any_save_leaves_the_last_completed_save()
    {
        long totalBytes = BytesForAllSaves();
        for (long cutAfter = 0; cutAfter <= totalBytes; cutAfter++)
        {
            SimulatedFlash flash = Layout.CreateFlash();
            flash.CutPowerAfterBytes(cutAfter);
            int completed = SaveUntilPowerFails(flash);
            flash.RestorePower();

            AssertLoads(flash, completed, $"cut after {cutAfter} bytes");
        }
    }

    /// <summary>Saves 1..<see cref="Saves"/> in turn; returns how many completed before the flash died.</summary>
    private static int SaveUntilPowerFails(SimulatedFlash flash)
    {
        FlashSettingsStore store = new(Layout.Settings(flash));
        for (int save = 1; save <= Saves; save++)
        {
            byte[] record = Record(save);
            try
            {
                store.Save(record, record.Length);
            }
            catch (IOException)
            {
                return save - 1;
            }
        }

        return Saves;
    }

    private static void AssertLoads(SimulatedFlash flash, int completedSaves, string step)
    {
        byte[] buffer = new byte[256];
        int length = new FlashSettingsStore(Layout.Settings(flash)).Load(buffer);
        if (completedSaves == 0)
        {
            Assert.True(length == 0, $"{step}: nothing was saved, yet a record loaded");
            return;
        }

        DeviceSettings loaded = new(CommandCapacity);
        Assert.True(loaded.ReadFrom(buffer, length), $"{step}: the loaded record is not a valid settings record");
        Assert.True(buffer.AsSpan(0, length).SequenceEqual(Record(completedSaves)), $"{step}: expected save {completedSaves}, loaded volume {loaded.Volume}");
    }

    private static int WritesForAllSaves()
    {
        SimulatedFlash flash = Layout.CreateFlash();
        Assert.Equal(Saves, SaveUntilPowerFails(flash));
        return (int)flash.CompletedWrites;
    }

    private static long BytesForAllSaves()
    {
        SimulatedFlash flash = Layout.CreateFlash();
        SaveUntilPowerFails(flash);
        return flash.ProgrammedBytes;
    }

    /// <summary>Save n: a real settings record whose length grows with n, so torn tails differ in size too.</summary>
    private static byte[] Record(int save)
    {
        DeviceSettings settings = new(CommandCapacity) { Volume = save, Muted = save % 2 == 0, TwinVersion = save * 100, BootCount = save };
        for (int i = 0; i < save; i++)
        {
            settings.Commands.Remember((uint)((save * 1000) + i), 1);
        }

        byte[] buffer = new byte[settings.MaxEncodedLength];
        return buffer[..settings.WriteTo(buffer)];
    }
}
