using SpeakerHub.Cloud.Speech.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// Speech recognition settings (configuration section "Speech:Recognition"). The defaults are the
/// Debian package <c>pocketsphinx-en-us</c>'s paths and the decoder tuning the accuracy suite passes with.
/// </summary>
public sealed class SpeechRecognitionOptions
{
    public const string SectionName = "Speech:Recognition";

    /// <summary>The Debian package that ships the default model and dictionary, named in errors.</summary>
    public const string ModelPackage = "pocketsphinx-en-us";

    /// <summary>Acoustic model folder (holds mdef, means, variances, ...).</summary>
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    /// <summary>Pronunciation dictionary (CMU format) the grammar's words are looked up in.</summary>
    public string DictionaryPath { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>Most decoders alive at once: one per concurrently recognized utterance.</summary>
    public int PoolSize { get; set; } = 24;

    /// <summary>How long <see cref="SpeechRecognizer.Start"/> waits for a decoder when all are busy.</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The words a speaker opens a voice-activated request with.</summary>
    public string WakePhrase { get; set; } = "hey speaker";

    /// <summary>
    /// The out-of-grammar threshold: the grammar weight of each phone of the garbage loop that competes
    /// with the sentences. Higher rejects more (in-grammar speech too); lower lets more through.
    /// </summary>
    /// <remarks>
    /// Measured with the accuracy suite (synthesized speech, 5 voices, 3 speeds, noise suppression on):
    /// 1e-3 understood 96 % of clean and 89 % of noisy in-grammar requests and turned away 22 of 25
    /// out-of-grammar ones; 1e-4 gave 97 %, 91 % and 19 of 25; 2e-3 gave 94 %, 88 % and 24 of 25;
    /// 1e-2 gave 92 %, 84 % and 25 of 25.
    /// </remarks>
    public double RejectionPhoneWeight { get; set; } = 1e-3;

    /// <summary>
    /// Opening audio held back before decoding starts, to measure the utterance's level for cepstral
    /// mean normalization (see <c>CepstralMean</c>). Decoding catches up at tens of times real time.
    /// </summary>
    public TimeSpan LevelWindow { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>pocketsphinx <c>-topn</c>: Gaussians scored per mixture; 16 instead of 4 measured clearly more accurate.</summary>
    public int TopGaussians { get; set; } = 16;

    /// <summary>pocketsphinx <c>-beam</c> and <c>-pbeam</c>: how far below the best a path may score and survive.</summary>
    public double Beam { get; set; } = 1e-48;

    /// <summary>pocketsphinx <c>-wbeam</c>: the same for word exits.</summary>
    public double WordBeam { get; set; } = 7e-29;

    /// <summary>pocketsphinx <c>-wip</c>.</summary>
    public double WordInsertionPenalty { get; set; } = 0.65;

    /// <summary>pocketsphinx <c>-fillprob</c>: how readily noise and breath fillers are inserted between words.</summary>
    public double FillerProbability { get; set; } = 1e-8;

    /// <summary>pocketsphinx <c>-lw</c>: how strongly grammar probabilities (the garbage phones') count against acoustics.</summary>
    public double LanguageWeight { get; set; } = 6.5;

    /// <summary>pocketsphinx <c>-silprob</c>.</summary>
    public double SilenceProbability { get; set; } = 0.005;

    /// <summary>
    /// Cleans steady background noise (fans, hum, traffic) from the audio before decoding; see
    /// <c>NoiseSuppressor</c>. Measured with the accuracy suite at 10 dB SNR: pink noise 83 % → 89 %
    /// understood, white 68 % → 74 %, clean speech unchanged (a quiet room's audio is left alone).
    /// </summary>
    public bool NoiseSuppression { get; set; } = true;

    /// <summary>The suppressor's smallest gain per frequency, in (0, 1]: lower removes more noise and more speech with it.</summary>
    public double NoiseGainFloor { get; set; } = NoiseSuppressor.DefaultGainFloor;

    internal int LevelWindowSamples => (int)(LevelWindow.TotalSeconds * AudioChunk.SampleRate);
}
