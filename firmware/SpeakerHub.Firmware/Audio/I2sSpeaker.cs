using System;
using System.Device.Gpio;
using System.Device.I2s;
using System.Diagnostics;
using System.Threading;
using SpeakerHub.Firmware.Board;
using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Audio
{
    /// <summary>
    /// A MAX98357A-class I2S amplifier as Core's <see cref="ISpeaker"/>. Play copies into a preallocated
    /// ring and returns; a playback thread drains the ring to I2S one 20 ms block at a time, applying the
    /// volume gain as it goes, and shuts the amplifier down (SD_MODE low) when the ring runs dry so an
    /// idle speaker does not hiss. Nothing allocates after construction.
    /// The amplifier takes standard I2S stereo and plays (L+R)/2 in its default SD_MODE wiring, so each
    /// mono sample is written to both slots; that also sidesteps how a given ESP-IDF version lays out
    /// "mono" transmit buffers.
    /// </summary>
    public sealed class I2sSpeaker : ISpeaker, IDisposable
    {
        /// <summary>Half a second: covers downlink jitter and a whole chime, for 16 KB of SRAM.</summary>
        public const int RingSamples = 8192;

        private const int ChannelsOut = 2;
        private const int BytesPerSample = 2;
        private const int DmaBlocks = 4;

        /// <summary>The amplifier needs a few ms after SD_MODE rises before it passes audio cleanly.</summary>
        private const int AmplifierWakeMs = 5;

        private readonly I2sDevice _device;
        private readonly GpioPin _amplifierEnable;
        private readonly PcmRing _ring = new PcmRing(RingSamples);
        private readonly short[] _block = new short[AudioFormat.SamplesPerFrame];
        private readonly byte[] _out = new byte[AudioFormat.SamplesPerFrame * ChannelsOut * BytesPerSample];
        private readonly int[] _gains = VolumeCurve.BuildTable();
        private readonly short[] _chime = Chime.Synthesize();
        private readonly AutoResetEvent _samplesArrived = new AutoResetEvent(false);
        private readonly Thread _thread;
        // Shared with another thread without `volatile`: nanoFramework's mscorlib has no IsVolatile, and it
        // needs none, since managed threads are time-sliced by the interpreter, which reads every field
        // from the heap, so a write is visible to the next read on any thread.
        private int _gainQ15;
        private bool _muted;
        private bool _blockInFlight;
        private bool _stopping;

        public I2sSpeaker(BoardPins pins, GpioController gpio)
        {
            I2sConnectionSettings settings = new I2sConnectionSettings(BoardPins.SpeakerI2sBus);
            settings.Mode = I2sMode.Master | I2sMode.Tx;
            settings.SampleRate = AudioFormat.SampleRate;
            settings.BitsPerSample = I2sBitsPerSample.Bit16;
            settings.ChannelFormat = I2sChannelFormat.RightLeft;
            settings.CommunicationFormat = I2sCommunicationFormat.I2S;
            settings.BufferSize = _out.Length * DmaBlocks;
            _device = new I2sDevice(settings);
            _amplifierEnable = gpio.OpenPin(pins.AmplifierEnablePin, PinMode.Output);
            _amplifierEnable.Write(PinValue.Low);
            _gainQ15 = VolumeCurve.UnityGainQ15;
            _thread = new Thread(RunPlayback);
            _thread.Priority = ThreadPriority.AboveNormal;
            _thread.Start();
        }

        public bool IsSpeaking
        {
            get { return _blockInFlight || _ring.Count > 0; }
        }

        public void SetVolume(int volume)
        {
            int step = volume < 0 ? 0 : (volume >= _gains.Length ? _gains.Length - 1 : volume);
            _gainQ15 = _gains[step];
        }

        public void SetMuted(bool muted)
        {
            _muted = muted;
        }

        /// <summary>No on-device TTS: the cloud sends reply audio. Chime so the user knows an answer came.</summary>
        public void Say(string text)
        {
            Debug.WriteLine("say: " + text);
            Play(_chime, 0, _chime.Length);
        }

        public int Play(short[] samples, int offset, int count)
        {
            int accepted = _ring.Write(samples, offset, count);
            if (accepted > 0)
            {
                _samplesArrived.Set();
            }

            return accepted;
        }

        public void Stop()
        {
            _ring.Clear();
        }

        public void Dispose()
        {
            _stopping = true;
            _samplesArrived.Set();
            _thread.Join();
            _device.Dispose();
        }

        private void RunPlayback()
        {
            bool amplifierOn = false;
            while (!_stopping)
            {
                // Raised before the ring is emptied, so IsSpeaking never reads false between the two.
                _blockInFlight = true;
                int count = _ring.Read(_block, _block.Length);
                if (count == 0)
                {
                    if (amplifierOn)
                    {
                        _amplifierEnable.Write(PinValue.Low);
                        amplifierOn = false;
                    }

                    _blockInFlight = false;
                    _samplesArrived.WaitOne();
                    continue;
                }

                if (!amplifierOn)
                {
                    _amplifierEnable.Write(PinValue.High);
                    amplifierOn = true;
                    Thread.Sleep(AmplifierWakeMs);
                }

                FillOutput(count);

                // Blocks until the DMA has room: this is what paces the thread at real time.
                _device.Write(new SpanByte(_out));
            }
        }

        /// <summary>Scales, duplicates to both slots and pads a short block with silence.</summary>
        private void FillOutput(int count)
        {
            int gain = _muted ? 0 : _gainQ15;
            int at = 0;
            for (int i = 0; i < _block.Length; i++)
            {
                int sample = i < count ? (_block[i] * gain) >> VolumeCurve.Q15Shift : 0;
                byte low = (byte)sample;
                byte high = (byte)(sample >> 8);
                _out[at] = low;
                _out[at + 1] = high;
                _out[at + 2] = low;
                _out[at + 3] = high;
                at += ChannelsOut * BytesPerSample;
            }
        }
    }
}
