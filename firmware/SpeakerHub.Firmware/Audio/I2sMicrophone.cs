using System;
using System.Device.I2s;
using SpeakerHub.Firmware.Board;

namespace SpeakerHub.Firmware.Audio
{
    /// <summary>
    /// An INMP441-class I2S MEMS microphone read one 20 ms frame at a time into preallocated buffers:
    /// no allocation per frame. The read blocks until the DMA has a full frame, which is what paces the
    /// device loop.
    /// The INMP441 sends 24-bit two's-complement samples left-justified in 32-bit slots (it needs 64
    /// BCK per frame), on the left slot when its L/R pin is tied to ground. The ESP32 DMA stores each
    /// slot as a little-endian 32-bit word, so bytes 1..3 hold the sample and byte 0 is padding. The
    /// 16-bit sample is the top 16 bits; <see cref="GainShift"/> takes them a few bits lower instead,
    /// because the INMP441 is -26 dBFS at 94 dB SPL and speech at arm's length would otherwise use only
    /// the bottom few bits of a 16-bit sample. Saturation keeps a shout from wrapping round.
    /// </summary>
    public sealed class I2sMicrophone : IDisposable
    {
        /// <summary>+12 dB: 16-bit sample = 32-bit slot &gt;&gt; (16 - GainShift), saturated.</summary>
        public const int GainShift = 2;

        private const int BytesPerSlot = 4;
        private const int SampleShift = 16 - GainShift;

        /// <summary>DMA buffer: four frames, so a loop iteration delayed by a flash write loses nothing.</summary>
        private const int DmaFrames = 4;

        private readonly I2sDevice _device;
        private readonly byte[] _raw = new byte[AudioFormat.SamplesPerFrame * BytesPerSlot];
        private readonly short[] _frame = new short[AudioFormat.SamplesPerFrame];

        public I2sMicrophone(BoardPins pins)
        {
            I2sConnectionSettings settings = new I2sConnectionSettings(BoardPins.MicrophoneI2sBus);
            settings.Mode = I2sMode.Master | I2sMode.Rx;
            settings.SampleRate = AudioFormat.SampleRate;
            settings.BitsPerSample = I2sBitsPerSample.Bit32;
            settings.ChannelFormat = I2sChannelFormat.OnlyLeft;
            settings.CommunicationFormat = I2sCommunicationFormat.I2S;
            settings.BufferSize = _raw.Length * DmaFrames;
            _device = new I2sDevice(settings);
        }

        /// <summary>The last frame read; overwritten by the next <see cref="ReadFrame"/>.</summary>
        public short[] Frame
        {
            get { return _frame; }
        }

        /// <summary>Blocks for one frame (≈20 ms) and converts it into <see cref="Frame"/>.</summary>
        public void ReadFrame()
        {
            // SpanByte is a stack-only view: wrapping the preallocated array costs no heap.
            _device.Read(new SpanByte(_raw));
            for (int i = 0, at = 0; i < _frame.Length; i++, at += BytesPerSlot)
            {
                int slot = _raw[at] | (_raw[at + 1] << 8) | (_raw[at + 2] << 16) | (_raw[at + 3] << 24);
                int sample = slot >> SampleShift;
                if (sample > short.MaxValue)
                {
                    sample = short.MaxValue;
                }
                else if (sample < short.MinValue)
                {
                    sample = short.MinValue;
                }

                _frame[i] = (short)sample;
            }
        }

        public void Dispose()
        {
            _device.Dispose();
        }
    }
}
