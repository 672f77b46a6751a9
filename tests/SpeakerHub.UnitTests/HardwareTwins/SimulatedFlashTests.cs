using SpeakerHub.Firmware.Host.Hardware.Flash;

namespace SpeakerHub.UnitTests.HardwareTwins;

public sealed class SimulatedFlashTests
{
    private const int SectorSize = 256;

    [Fact]
    public void Fresh_flash_reads_erased_and_programming_without_an_erase_only_clears_bits()
    {
        SimulatedFlash flash = new(sectorCount: 2, SectorSize);
        flash.Program(10, [0b1111_0000]);
        flash.Program(10, [0b1010_1010]);

        Assert.Equal(0b1010_0000, Read(flash, 10, 1)[0]);
        Assert.Equal(SimulatedFlash.ErasedByte, Read(flash, 11, 1)[0]);

        flash.EraseSector(0);
        flash.Program(10, [0b1010_1010]);
        Assert.Equal(0b1010_1010, Read(flash, 10, 1)[0]);
    }

    [Fact]
    public void A_power_cut_tears_the_write_in_progress_and_the_bus_stays_dead_until_power_returns()
    {
        SimulatedFlash flash = new(sectorCount: 2, SectorSize, seed: 7);
        flash.CutPowerAfterWrites(1);
        flash.Program(0, [1, 2, 3]);

        Assert.Throws<IOException>(() => flash.Program(100, new byte[50]));
        Assert.Throws<IOException>(() => flash.EraseSector(1));
        Assert.Throws<IOException>(() => Read(flash, 0, 1));

        flash.RestorePower();
        byte[] torn = Read(flash, 100, 50);
        int landed = torn.TakeWhile(b => b == 0).Count();
        Assert.InRange(landed, 0, 49);
        Assert.All(torn[landed..], b => Assert.Equal(SimulatedFlash.ErasedByte, b));
        Assert.Equal(new byte[] { 1, 2, 3 }, Read(flash, 0, 3));
        Assert.Equal(1, flash.CompletedWrites);
    }

    [Fact]
    public void A_byte_budget_tears_the_program_exactly_where_it_runs_out()
    {
        SimulatedFlash flash = new(sectorCount: 1, SectorSize);
        flash.CutPowerAfterBytes(5);
        flash.Program(0, [0, 0, 0]);

        Assert.Throws<IOException>(() => flash.Program(3, [0, 0, 0, 0]));

        flash.RestorePower();
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0xFF, 0xFF }, Read(flash, 0, 7));
    }

    [Fact]
    public void A_file_backed_flash_keeps_its_contents_across_restarts()
    {
        string path = Path.Combine(Path.GetTempPath(), "speakerhub-flash-" + Guid.NewGuid().ToString("N") + ".nor");
        try
        {
            new SimulatedFlash(sectorCount: 2, SectorSize, path).Program(300, [42, 43]);

            SimulatedFlash restarted = new(sectorCount: 3, SectorSize, path);

            Assert.Equal(new byte[] { 42, 43 }, Read(restarted, 300, 2));
            Assert.Equal(SimulatedFlash.ErasedByte, Read(restarted, 2 * SectorSize, 1)[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Read(SimulatedFlash flash, int address, int count)
    {
        byte[] bytes = new byte[count];
        flash.Read(address, bytes);
        return bytes;
    }
}
