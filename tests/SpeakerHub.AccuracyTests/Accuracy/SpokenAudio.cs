using SpeakerHub.Cloud.Speech.Synthesis;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;
using SpeakerHub.SpeechTests.Synthesis;

namespace SpeakerHub.AccuracyTests.Accuracy;

/// <summary>
/// Turns a sentence into what the cloud receives from a speaker: espeak-ng speech in one of several
/// voices and speeds, framed the way the device's voice detector sends it (pre-roll before, hangover
/// after), optionally with white noise mixed in at a given signal-to-noise ratio, and passed through
/// the device's IMA-ADPCM encoder and the cloud's decoder.
/// </summary>
public static class SpokenAudio
{
    public const int FrameSamples = AudioChunk.SampleRate / 50;

    /// <summary>Five voices (American, British received and standard, male and female variants) at three speeds.</summary>
    public static IReadOnlyList<SynthesisVoice> Voices { get; } =
    [
        .. from rate in new[] { 140, 165, 190 }
           from name in new[] { "en-us", "en", "en-us+m3", "en-us+f3", "en-gb-x-rp" }
           select new SynthesisVoice(name, rate, SynthesisVoice.NormalPitch),
    ];

    private static readonly int PreRollSamples = AudioChunk.SampleRate / 5;
    private static readonly int HangoverSamples = AudioChunk.SampleRate / 2;

    public static SynthesisVoice VoiceFor(int index) => Voices[index % Voices.Count];

    public static async Task<short[]> SpeakAsync(SpeechSynthesizer synthesizer, string text, SynthesisVoice voice)
    {
        var speech = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(text, voice, CancellationToken.None));
        var padded = new short[PreRollSamples + speech.Length + HangoverSamples];
        speech.CopyTo(padded, PreRollSamples);
        return padded;
    }

    /// <summary>
    /// <paramref name="speech"/> with noise <paramref name="snrDecibels"/> below the speech power (measured
    /// over the sentence, not the padding), noise over the padding too. Pink noise (power falling 3 dB
    /// per octave, like the hum, fans and traffic of a home) or white (flat, harsher on the fricatives).
    /// </summary>
    public static short[] WithNoise(short[] speech, double snrDecibels, int seed, bool pink = true)
    {
        var random = new Random(seed);
        var noise = new double[speech.Length];
        double b0 = 0, b1 = 0, b2 = 0;
        for (var i = 0; i < noise.Length; i++)
        {
            // Box–Muller: two uniforms to one standard normal.
            var white = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            if (!pink)
            {
                noise[i] = white;
                continue;
            }

            // Three one-pole filters summed approximate 1/f within ±0.5 dB over the speech band (Kellet's economy filter).
            b0 = (0.99765 * b0) + (white * 0.0990460);
            b1 = (0.96300 * b1) + (white * 0.2965164);
            b2 = (0.57000 * b2) + (white * 1.0526913);
            noise[i] = b0 + b1 + b2 + (white * 0.1848);
        }

        var body = speech.AsSpan(PreRollSamples, speech.Length - PreRollSamples - HangoverSamples);
        var noiseRms = Math.Sqrt(noise.Sum(value => value * value) / noise.Length);
        var scale = Pcm.Rms(body) / Math.Pow(10, snrDecibels / 20) / noiseRms;
        var noisy = new short[speech.Length];
        for (var i = 0; i < speech.Length; i++)
        {
            noisy[i] = (short)Math.Clamp(Math.Round(speech[i] + (noise[i] * scale)), short.MinValue, short.MaxValue);
        }

        return noisy;
    }

    /// <summary>The audio after the uplink's codec: encoded frame by frame on the device, decoded in the cloud.</summary>
    public static short[] ThroughAdpcm(short[] audio)
    {
        var encoder = new AdpcmEncoder();
        var frames = audio.Length / FrameSamples;
        var block = new byte[ImaAdpcm.BlockLength(FrameSamples)];
        var decoded = new short[frames * FrameSamples];
        for (var frame = 0; frame < frames; frame++)
        {
            encoder.Encode(audio, frame * FrameSamples, FrameSamples, block, 0);
            AdpcmDecoder.Decode(block, 0, block.Length, decoded, frame * FrameSamples);
        }

        return decoded;
    }
}
