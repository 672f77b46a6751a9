namespace SpeakerHub.Firmware.Core.Settings
{
    /// <summary>
    /// Fletcher-16 (RFC 1146's modular sums, modulus 255), the checksum of the device's flash records: it
    /// catches the torn and partly erased writes a power cut leaves, for two bytes and no table in SRAM.
    /// Stored as sum2 in the high byte, sum1 in the low byte.
    /// </summary>
    public static class Fletcher16
    {
        private const int Modulus = 255;

        /// <summary>The checksum of <paramref name="buffer"/>[start, end).</summary>
        public static int Compute(byte[] buffer, int start, int end)
        {
            int sum1 = 0;
            int sum2 = 0;
            for (int i = start; i < end; i++)
            {
                sum1 = (sum1 + buffer[i]) % Modulus;
                sum2 = (sum2 + sum1) % Modulus;
            }

            return (sum2 << 8) | sum1;
        }
    }
}
