using System.Collections;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>What one power-on produced: the version now running and the updater for this boot.</summary>
public sealed record BootedFirmware(BootOutcome Outcome, string Version, bool NeverHealthy, FirmwareUpdater Updater);

/// <summary>
/// The speaker's firmware as the host twin sees it: the stable loader over <see cref="FlashFirmwareSlots"/>
/// (which checks signature and hash of every image it is about to boot), the version of the booted
/// image (its signed manifest; the factory image, of unknown length, runs <c>factoryVersion</c>) and a
/// fresh <see cref="FirmwareUpdater"/> per boot. A booted image that is a
/// <see cref="SimulatedAppImage"/> marked never-healthy behaves like a bad build: it runs, but never
/// reaches the point where it would confirm itself. <see cref="RestartRequested"/> is the reset line.
/// </summary>
public sealed class SimulatedFirmware : IUpdateHost
{
    private readonly SimulatedFlash _flash;
    private readonly DeviceFlashLayout _layout;
    private readonly ArrayList _trustedKeys = new();
    private readonly string _model;
    private readonly string _factoryVersion;
    private readonly FirmwareUpdateOptions _updateOptions;
    private readonly SignedImageCheck _bootCheck;

    public SimulatedFirmware(
        SimulatedFlash flash,
        DeviceFlashLayout layout,
        IEnumerable<byte[]> trustedKeys,
        string model,
        string factoryVersion,
        FirmwareUpdateOptions? updateOptions = null)
    {
        _flash = flash;
        _layout = layout;
        foreach (byte[] key in trustedKeys)
        {
            _trustedKeys.Add(key);
        }

        _model = model;
        _factoryVersion = factoryVersion;
        _updateOptions = updateOptions ?? new FirmwareUpdateOptions();
        _bootCheck = new SignedImageCheck(_trustedKeys);
    }

    /// <summary>Raised (on the device loop) when the firmware asks for a restart.</summary>
    public event EventHandler? RestartRequested;

    public SimulatedFlash Flash => _flash;

    /// <summary>Power-on: the loader picks the slot, then the app starts with its updater.</summary>
    public BootedFirmware Boot()
    {
        _flash.RestorePower();
        FlashFirmwareSlots slots = new(_flash, _layout, (_, image) => _bootCheck.CheckBytes(image.ToArray(), 0, image.Length) == 0);
        BootOutcome outcome = slots.Boot();
        string version = _factoryVersion;
        bool neverHealthy = false;
        if (outcome.ImageLength > 0)
        {
            byte[] bundle = new byte[outcome.ImageLength];
            _layout.Slot(_flash, outcome.Slot).Read(0, bundle);
            FirmwareManifest manifest = new();
            if (FirmwareBundle.ReadManifest(bundle, 0, bundle.Length, manifest) == Protocol.ProtocolError.None)
            {
                version = manifest.Version;
                int header = FirmwareBundle.HeaderLength(bundle, 0, bundle.Length);
                neverHealthy = SimulatedAppImage.Parse(bundle.AsSpan(header))?.NeverHealthy ?? false;
            }
        }

        FirmwareUpdateOptions options = _updateOptions;
        if (neverHealthy)
        {
            options = Copy(_updateOptions);
            options.HealthyAfterMs = int.MaxValue;
        }

        FirmwareUpdater updater = new(
            slots, new FlashSettingsStore(_layout.UpdateRecord(_flash)), this, _trustedKeys, _model, version, options);
        return new BootedFirmware(outcome, version, neverHealthy, updater);
    }

    void IUpdateHost.Restart() => RestartRequested?.Invoke(this, EventArgs.Empty);

    private static FirmwareUpdateOptions Copy(FirmwareUpdateOptions source) => new()
    {
        WindowBytes = source.WindowBytes,
        CheckpointBytes = source.CheckpointBytes,
        StallMs = source.StallMs,
        HealthyAfterMs = source.HealthyAfterMs,
        TrialDeadlineMs = source.TrialDeadlineMs,
        ProgressStepBytes = source.ProgressStepBytes,
        RestartDelayMs = source.RestartDelayMs,
    };
}
