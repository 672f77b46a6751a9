using SpeakerHub.Cloud.Speech.Synthesis;
using SpeakerHub.Firmware.Host.Hardware.Audio;

namespace SpeakerHub.Simulator.Say;

/// <summary>
/// What the simulated person says: a 16 kHz mono 16-bit WAV as given (anything else is refused with
/// what was found, see <see cref="WavFile"/>), or text spoken by espeak-ng. Synthesized speech gets the
/// quiet a room has around a sentence, so the device's voice activity detection sees an onset and an end.
/// </summary>
public static class SpokenInput
{
    private static readonly TimeSpan LeadingQuiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan TrailingQuiet = TimeSpan.FromMilliseconds(800);

    public static short[] FromWav(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} does not exist.");
        }

        return WavFile.Read(path);
    }

    public static async Task<short[]> FromTextAsync(string text, SynthesisVoice? voice, CancellationToken cancellationToken)
    {
        using SpeechSynthesizer synthesizer = new(Microsoft.Extensions.Options.Options.Create(new SynthesisOptions()));
        List<short> samples = [.. new short[PcmFormat.SamplesIn(LeadingQuiet)]];
        await foreach (short[] chunk in synthesizer.SynthesizeAsync(text, voice, cancellationToken))
        {
            samples.AddRange(chunk);
        }

        if (samples.Count == PcmFormat.SamplesIn(LeadingQuiet))
        {
            throw new InvalidDataException($"espeak-ng made no audio of '{text}'.");
        }

        samples.AddRange(new short[PcmFormat.SamplesIn(TrailingQuiet)]);
        return [.. samples];
    }
}
