using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class CleanCompileTests
{
    [Fact]
    public void Code_using_ArrayList_Hashtable_GpioController_I2sDevice_and_HMACSHA256_compiles_for_nano()
    {
        NanoCompileSnippets.AssertCompiles(
            "using System.Device.Gpio;\n" +
            "using System.Device.I2s;\n" +
            "using System.Security.Cryptography;\n" +
            NanoCheckSnippets.InClass("""
                        private readonly ArrayList _frames = new ArrayList();
                        private readonly Hashtable _pending = new Hashtable();

                        public byte[] Run(byte[] key, byte[] buffer)
                        {
                            _frames.Add(buffer);
                            _pending["id"] = _frames.Count;
                            using (var gpio = new GpioController())
                            {
                                gpio.OpenPin(4, PinMode.Output);
                                gpio.Write(4, PinValue.High);
                            }

                            var settings = new I2sConnectionSettings(1) { SampleRate = 16000, Mode = I2sMode.Master | I2sMode.Rx };
                            using (var microphone = new I2sDevice(settings))
                            {
                                microphone.Read(buffer);
                            }

                            lock (_frames)
                            {
                                foreach (byte[] frame in _frames)
                                {
                                    buffer[0] ^= frame[0];
                                }
                            }

                            using (var hmac = new HMACSHA256(key))
                            {
                                return hmac.ComputeHash(buffer);
                            }
                        }
                """));
    }
}
