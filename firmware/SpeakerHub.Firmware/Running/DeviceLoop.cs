using System;
using System.Diagnostics;
using System.Threading;
using SpeakerHub.Firmware.Audio;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Input;
using SpeakerHub.Firmware.Lights;

namespace SpeakerHub.Firmware.Running
{
    /// <summary>
    /// The firmware's one loop and the only thread that calls Core: every 20 ms it reads a microphone
    /// frame (the blocking I2S read is the metronome), hands Core whatever other threads posted, polls
    /// the buttons, ticks Core and animates the LED. Nothing here allocates per iteration.
    /// </summary>
    public sealed class DeviceLoop
    {
        public const int TickMs = AudioFormat.FrameMs;

        /// <summary>Free-heap figure for telemetry; nanoFramework only reports it by running a GC, so not every tick.</summary>
        public const int HealthIntervalMs = 30000;

        private readonly SpeakerDevice _device;
        private readonly LoopInbox _inbox;
        private readonly I2sMicrophone _microphone;
        private readonly ButtonPanel _buttons;
        private readonly PwmStatusLed _led;
        private long _nextHealthMs;
        private int _loopFaults;

        public DeviceLoop(SpeakerDevice device, LoopInbox inbox, I2sMicrophone microphone, ButtonPanel buttons, PwmStatusLed led)
        {
            _device = device;
            _inbox = inbox;
            _microphone = microphone;
            _buttons = buttons;
            _led = led;
        }

        /// <summary>Runs until a 3-second hold asks for pairing, then shuts Core down cleanly and returns.</summary>
        public void Run()
        {
            long nextTickMs = NowMs();
            while (true)
            {
                try
                {
                    if (!RunOnce())
                    {
                        _device.Shutdown();
                        return;
                    }
                }
                catch (Exception exception)
                {
                    // Keep the speaker alive through a fault in one adapter; the count shows up in the log.
                    _loopFaults++;
                    Debug.WriteLine("loop fault " + _loopFaults.ToString() + ": " + exception.Message);
                }

                if (_microphone == null)
                {
                    nextTickMs += TickMs;
                    long sleepMs = nextTickMs - NowMs();
                    if (sleepMs > 0)
                    {
                        Thread.Sleep((int)sleepMs);
                    }
                    else
                    {
                        // Fell behind (a flash write): skip the missed ticks instead of racing to catch up.
                        nextTickMs = NowMs();
                    }
                }
            }
        }

        /// <summary>One iteration; false when the user asked for pairing.</summary>
        private bool RunOnce()
        {
            if (_microphone != null)
            {
                _microphone.ReadFrame();
            }

            long nowMs = NowMs();
            DrainInbox(nowMs);
            if (_microphone != null)
            {
                _device.OnAudioFrame(_microphone.Frame);
            }

            _buttons.Poll(nowMs);
            switch (_buttons.TalkGesture)
            {
                case ButtonGesture.Press:
                    _device.OnButton(ButtonEvent.ShortPress, nowMs);
                    break;
                case ButtonGesture.Hold:
                    _device.OnButton(ButtonEvent.LongPress, nowMs);
                    break;
                case ButtonGesture.PairingHold:
                    return false;
            }

            if (_buttons.VolumeStep != 0)
            {
                _device.OnButton(_buttons.VolumeStep > 0 ? ButtonEvent.VolumeUp : ButtonEvent.VolumeDown, nowMs);
            }

            _device.OnTick(nowMs);
            _led.Update(nowMs);
            if (nowMs >= _nextHealthMs)
            {
                _nextHealthMs = nowMs + HealthIntervalMs;
                _device.ReportHealth((int)nanoFramework.Runtime.Native.GC.Run(false), 0);
            }

            return true;
        }

        private void DrainInbox(long nowMs)
        {
            LoopEvent item;
            while ((item = _inbox.Take()) != null)
            {
                switch (item.Kind)
                {
                    case LoopEventKind.WifiUp:
                        _device.OnWifiUp();
                        break;
                    case LoopEventKind.WifiDown:
                        _device.OnWifiDown(nowMs);
                        break;
                    case LoopEventKind.Connected:
                        _device.OnConnected(nowMs);
                        break;
                    case LoopEventKind.ConnectFailed:
                        _device.OnConnectFailed(nowMs);
                        break;
                    case LoopEventKind.ConnectionLost:
                        _device.OnConnectionLost(nowMs);
                        break;
                    case LoopEventKind.Message:
                        _device.OnMessage(item.Topic, item.Payload, 0, item.Payload.Length);
                        break;
                }
            }
        }

        private static long NowMs()
        {
            return Environment.TickCount64;
        }
    }
}
