using CsCheck;
using SpeakerHub.Firmware.Core.Settings;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceSettingsTests
{
    [Fact]
    public void Settings_survive_an_encode_and_decode_unchanged()
    {
        Gen.Select(Gen.Int[0, 10], Gen.Bool, Gen.Int[0, 100], Gen.Long[0, long.MaxValue], Gen.Int[0, int.MaxValue], Gen.UInt.Array[0, 40])
            .Sample((volume, muted, sensitivity, version, boots, commandIds) =>
            {
                DeviceSettings original = new(32) { Volume = volume, Muted = muted, WakeSensitivity = sensitivity, TwinVersion = version, BootCount = boots };
                foreach (uint id in commandIds)
                {
                    original.Commands.Remember(id, (byte)(id % 3));
                }

                byte[] buffer = new byte[original.MaxEncodedLength];
                int length = original.WriteTo(buffer);
                DeviceSettings copy = new(32);

                Assert.True(copy.ReadFrom(buffer, length));
                Assert.Equal((volume, muted, sensitivity, version, boots), (copy.Volume, copy.Muted, copy.WakeSensitivity, copy.TwinVersion, copy.BootCount));
                Assert.Equal(original.Commands.Count, copy.Commands.Count);
                for (int i = 0; i < copy.Commands.Count; i++)
                {
                    Assert.Equal((original.Commands.IdAt(i), original.Commands.OutcomeAt(i)), (copy.Commands.IdAt(i), copy.Commands.OutcomeAt(i)));
                }
            });
    }

    [Fact]
    public void A_torn_or_corrupted_record_loads_as_defaults()
    {
        DeviceSettings original = new(32) { Volume = 9, Muted = true, TwinVersion = 12 };
        byte[] buffer = new byte[original.MaxEncodedLength];
        int length = original.WriteTo(buffer);

        for (int i = 0; i < length; i++)
        {
            byte[] damaged = (byte[])buffer.Clone();
            damaged[i] ^= 0x5A;
            DeviceSettings loaded = new(32);
            Assert.False(loaded.ReadFrom(damaged, length));
            Assert.Equal((DeviceSettings.DefaultVolume, false, 0L), (loaded.Volume, loaded.Muted, loaded.TwinVersion));
        }

        Assert.False(new DeviceSettings(32).ReadFrom(buffer, length - 1));
    }
}
