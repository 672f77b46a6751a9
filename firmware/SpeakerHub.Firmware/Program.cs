using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using SpeakerHub.Firmware.Audio;
using SpeakerHub.Firmware.Board;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Input;
using SpeakerHub.Firmware.Lights;
using SpeakerHub.Firmware.Mqtt;
using SpeakerHub.Firmware.Network;
using SpeakerHub.Firmware.Running;
using SpeakerHub.Firmware.Storage;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware
{
    /// <summary>Boot: board, storage, then either pairing mode or the speaker (docs/firmware.md §First boot).</summary>
    public static class Program
    {
        /// <summary>Announced in Hello; the fleet service compares it with rollout targets.</summary>
        public const string FirmwareVersion = "0.1.0";

        public const int Capabilities = Hello.CapabilityMicrophone | Hello.CapabilitySpeaker | Hello.CapabilityOfflineCommands;

        /// <summary>Time for the "offline" status and the MQTT disconnect to leave before the reboot cuts them.</summary>
        public const int ShutdownGraceMs = 2500;

        public static void Main()
        {
            BoardPins pins = BoardPins.ForSelectedBoard();
            pins.AssignPinFunctions();
            GpioController gpio = new GpioController();
            PwmStatusLed led = new PwmStatusLed(pins.StatusLedPin);
            ButtonPanel buttons = new ButtonPanel(gpio, pins);
            ProvisioningStore provisioning = new ProvisioningStore();
            ProvisionedConfig config = provisioning.Load();

            // The access point only comes up at start-up, so a never-paired device reboots into it first.
            bool pairing = SoftAccessPoint.IsPairingEnabled();
            if (!pairing && !config.IsComplete)
            {
                PairingMode.EnterAndReboot();
                return;
            }

            if (pairing)
            {
                PairingMode.Run(provisioning, config, pins, led, buttons);
                return;
            }

            FlashFirmwareSlots slots = new FlashFirmwareSlots();
            FirmwareUpdater updater = new FirmwareUpdater(
                slots, new UpdateRecordStore(), new DeviceReset(), TrustedFirmwareKeys.Load(), pins.Model, FirmwareVersion, new FirmwareUpdateOptions());
            LoopInbox inbox = new LoopInbox();
            SpeakerDevice device = new SpeakerDevice(
                new DeviceIdentity(config.DeviceId, pins.Model, FirmwareVersion, Capabilities),
                new DeviceOptions(),
                new M2MqttTransport(config, inbox),
                new I2sSpeaker(pins, gpio),
                led,
                new FlashSettingsStore(),
                new PseudoRandomSource(config.DeviceId, System.Environment.TickCount64),
                new LoopObserver(),
                updater);

            device.Start(System.Environment.TickCount64);
            new WifiLink(config, inbox).Start();
            new DeviceLoop(device, inbox, new I2sMicrophone(pins), buttons, led).Run();

            Debug.WriteLine("entering pairing mode");
            Thread.Sleep(ShutdownGraceMs);
            PairingMode.EnterAndReboot();
        }
    }
}
