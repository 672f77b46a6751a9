using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>
/// The update record's store with the power cut at one particular save: the first record that
/// <paramref name="cutAt"/> picks is torn mid-write, and the flash is dead from then on (until restored).
/// </summary>
internal sealed class PowerCutStore(ISettingsStore inner, SimulatedFlash flash, Func<UpdateRecord, bool> cutAt) : ISettingsStore
{
    public bool Cut { get; private set; }

    public static Func<ISettingsStore, ISettingsStore> AtPhase(SimulatedFlash flash, byte phase) =>
        store => new PowerCutStore(store, flash, record => record.Phase == phase);

    public int Load(byte[] buffer) => inner.Load(buffer);

    public void Save(byte[] buffer, int count)
    {
        UpdateRecord record = new();
        if (!Cut && record.ReadFrom(buffer, count) && cutAt(record))
        {
            Cut = true;
            flash.CutPowerAfterWrites(0);
        }

        inner.Save(buffer, count);
    }
}
