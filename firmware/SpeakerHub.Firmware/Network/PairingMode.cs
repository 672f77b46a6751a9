using System.Diagnostics;
using System.Threading;
using nanoFramework.Runtime.Native;
using SpeakerHub.Firmware.Board;
using SpeakerHub.Firmware.Input;
using SpeakerHub.Firmware.Lights;
using SpeakerHub.Firmware.Storage;

namespace SpeakerHub.Firmware.Network
{
    /// <summary>
    /// The device's other life: no Core, no MQTT, just the SoftAP and the pairing server. Entered at boot
    /// when the device was never provisioned or the AP was switched on by a 3-second hold; left by
    /// rebooting into station mode, either after a successful "done" or, for a device that already has
    /// a configuration, by holding the button again or letting pairing time out.
    /// </summary>
    public static class PairingMode
    {
        /// <summary>A provisioned device does not sit in pairing mode forever if someone held it by accident.</summary>
        public const int TimeoutMs = 10 * 60 * 1000;

        private const int TickMs = 20;

        /// <summary>Reboot a little after the reply so the client reads "ok" before the AP vanishes.</summary>
        private const int RebootDelayMs = 500;

        public static void EnterAndReboot()
        {
            SoftAccessPoint.EnableForNextBoot();
            Power.RebootDevice();
        }

        /// <summary>Runs pairing until it finishes, then reboots into station mode. Never returns.</summary>
        public static void Run(ProvisioningStore store, ProvisionedConfig current, BoardPins pins, PwmStatusLed led, ButtonPanel buttons)
        {
            string ssid = SoftAccessPoint.PairingSsid();
            Debug.WriteLine("pairing: join " + ssid + ", then connect to " + SoftAccessPoint.Address + ":" + PairingServer.Port.ToString());
            PairingWorker worker = new PairingWorker(current, "speakerhub pairing v1 " + pins.Model + " " + ssid);
            Thread thread = new Thread(worker.Run);
            thread.Start();

            led.ShowPairing();
            long startedMs = System.Environment.TickCount64;
            while (!worker.IsFinished)
            {
                long nowMs = System.Environment.TickCount64;
                led.Update(nowMs);
                buttons.Poll(nowMs);
                bool giveUp = current.IsComplete
                    && (buttons.TalkGesture == ButtonGesture.PairingHold || nowMs - startedMs >= TimeoutMs);
                if (giveUp)
                {
                    break;
                }

                Thread.Sleep(TickMs);
            }

            if (worker.IsFinished && !store.Save(worker.Result))
            {
                Debug.WriteLine("pairing: saving the configuration failed; staying in pairing mode");
                Power.RebootDevice();
            }

            Thread.Sleep(RebootDelayMs);
            SoftAccessPoint.DisableForNextBoot();
            Power.RebootDevice();
        }

        private sealed class PairingWorker
        {
            private readonly ProvisionedConfig _current;
            private readonly string _greeting;
            private bool _finished;

            public PairingWorker(ProvisionedConfig current, string greeting)
            {
                _current = current;
                _greeting = greeting;
            }

            public bool IsFinished
            {
                get { return _finished; }
            }

            public ProvisionedConfig Result { get; private set; }

            public void Run()
            {
                Result = new PairingServer().Serve(_current, _greeting);
                _finished = true;
            }
        }
    }
}
