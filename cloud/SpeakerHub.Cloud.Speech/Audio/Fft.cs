namespace SpeakerHub.Cloud.Speech.Audio;

/// <summary>In-place radix-2 complex FFT for power-of-two lengths; the inverse divides by the length.</summary>
internal static class Fft
{
    public static void Transform(double[] real, double[] imaginary, bool inverse)
    {
        var n = real.Length;
        if (n == 0 || (n & (n - 1)) != 0 || imaginary.Length != n)
        {
            throw new ArgumentException("Both arrays must have the same power-of-two length.", nameof(real));
        }

        // Bit-reversal permutation.
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }

        var sign = inverse ? 1.0 : -1.0;
        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = sign * 2 * Math.PI / length;
            var stepReal = Math.Cos(angle);
            var stepImaginary = Math.Sin(angle);
            var half = length / 2;
            for (var start = 0; start < n; start += length)
            {
                double wReal = 1, wImaginary = 0;
                for (var k = 0; k < half; k++)
                {
                    var a = start + k;
                    var b = a + half;
                    var tReal = (real[b] * wReal) - (imaginary[b] * wImaginary);
                    var tImaginary = (real[b] * wImaginary) + (imaginary[b] * wReal);
                    real[b] = real[a] - tReal;
                    imaginary[b] = imaginary[a] - tImaginary;
                    real[a] += tReal;
                    imaginary[a] += tImaginary;
                    var nextReal = (wReal * stepReal) - (wImaginary * stepImaginary);
                    wImaginary = (wReal * stepImaginary) + (wImaginary * stepReal);
                    wReal = nextReal;
                }
            }
        }

        if (inverse)
        {
            for (var i = 0; i < n; i++)
            {
                real[i] /= n;
                imaginary[i] /= n;
            }
        }
    }
}
