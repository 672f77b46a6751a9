using System;
using System.Diagnostics;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using SpeakerHub.Firmware.Running;
using SpeakerHub.Firmware.Storage;

namespace SpeakerHub.Firmware.Network
{
    /// <summary>
    /// Joins the provisioned Wi-Fi network and keeps Core told whether it is up. The first join blocks
    /// for DHCP and SNTP (the MQTT token needs the real time), so it runs on its own thread and retries
    /// with a growing pause. After that the ESP-IDF reconnects by itself (automatic reconnection); this
    /// class only reports availability changes, and kicks a manual reconnect if the link stays down.
    /// </summary>
    public sealed class WifiLink
    {
        /// <summary>DHCP plus SNTP on a slow router; past this the attempt is retried from scratch.</summary>
        public const int JoinTimeoutMs = 30000;

        public const int FirstRetryMs = 2000;
        public const int MaxRetryMs = 60000;

        /// <summary>Automatic reconnection normally recovers within seconds; past this, push it.</summary>
        public const int StuckDownMs = 60000;

        private readonly ProvisionedConfig _config;
        private readonly LoopInbox _inbox;
        private readonly AutoResetEvent _changed = new AutoResetEvent(false);
        private readonly Thread _thread;
        // Shared with another thread without `volatile`: nanoFramework's mscorlib has no IsVolatile, and it
        // needs none, since managed threads are time-sliced by the interpreter, which reads every field
        // from the heap, so a write is visible to the next read on any thread.
        private bool _up;

        public WifiLink(ProvisionedConfig config, LoopInbox inbox)
        {
            _config = config;
            _inbox = inbox;
            _thread = new Thread(Run);
        }

        public bool IsUp
        {
            get { return _up; }
        }

        public void Start()
        {
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
            _thread.Start();
        }

        private void Run()
        {
            int retryMs = FirstRetryMs;
            while (!Join())
            {
                Thread.Sleep(retryMs);
                retryMs = retryMs * 2 > MaxRetryMs ? MaxRetryMs : retryMs * 2;
            }

            while (true)
            {
                // Wakes on every availability change, or after StuckDownMs to check on a dead link.
                _changed.WaitOne(StuckDownMs, false);
                if (!_up)
                {
                    Debug.WriteLine("wifi: still down, reconnecting");
                    WifiNetworkHelper.Reconnect(true, 0, TimeoutToken(JoinTimeoutMs));
                }
            }
        }

        private bool Join()
        {
            bool joined = WifiNetworkHelper.ConnectDhcp(
                _config.WifiSsid,
                _config.WifiPassword,
                WifiReconnectionKind.Automatic,
                true,
                0,
                TimeoutToken(JoinTimeoutMs));
            if (!joined)
            {
                Exception reason = WifiNetworkHelper.HelperException;
                Debug.WriteLine("wifi: join failed" + (reason != null ? ": " + reason.Message : string.Empty));
                return false;
            }

            SetUp(true);
            return true;
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            SetUp(e.IsAvailable);
            _changed.Set();
        }

        private void SetUp(bool up)
        {
            if (up == _up)
            {
                return;
            }

            _up = up;
            _inbox.Post(up ? LoopEvent.WifiUp : LoopEvent.WifiDown);
        }

        private static CancellationToken TimeoutToken(int milliseconds)
        {
            return new CancellationTokenSource(milliseconds).Token;
        }
    }
}
