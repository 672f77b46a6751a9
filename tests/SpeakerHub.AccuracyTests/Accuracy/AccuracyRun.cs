using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Nlu;
using SpeakerHub.Cloud.Speech.Recognition;
using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.AccuracyTests.Accuracy;

/// <summary>What one spoken sentence was heard and understood as.</summary>
public sealed record Heard(SpokenCase Case, RecognitionResult Result, IntentMatch Understood)
{
    public bool Correct => AccuracyCorpus.Describe(Understood) == AccuracyCorpus.Describe(Case.Expected);

    public override string ToString() =>
        $"{SpokenAudio.VoiceFor(Case.Index).Name}@{SpokenAudio.VoiceFor(Case.Index).RateWordsPerMinute} \"{Case.Text}\" "
        + $"heard \"{Result.Transcript}\" ({Result.Outcome}) as {AccuracyCorpus.Describe(Understood)}, "
        + $"expected {AccuracyCorpus.Describe(Case.Expected)}";
}

/// <summary>
/// The whole suite run once for all its tests: the built-in skills' interaction model, every corpus
/// sentence synthesized, then recognized clean and with noise, one after another on the recognizer
/// the cloud uses with its default options, so a run always hears the same audio in the same order.
/// </summary>
public sealed class AccuracyRun : IAsyncLifetime
{
    public const double NoiseDecibels = 10;

    private readonly ServiceProvider services;

    public AccuracyRun()
    {
        var collection = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        collection.AddSpeakerHubSkills();
        services = collection.BuildServiceProvider();
        Model = services.GetRequiredService<SkillCatalog>().Current;
    }

    public InteractionModel Model { get; }

    public IReadOnlyList<SpokenCase> Cases { get; private set; } = [];

    public IReadOnlyList<Heard> Clean { get; private set; } = [];

    public IReadOnlyList<Heard> Noisy { get; private set; } = [];

    /// <summary>Out-of-grammar sentences and what came of them.</summary>
    public IReadOnlyList<(string Text, RecognitionResult Result, IntentMatch Understood)> OutOfGrammar { get; private set; } = [];

    /// <summary>Decoding time over audio time across the run.</summary>
    public double RealTimeFactor { get; private set; }

    public async Task InitializeAsync()
    {
        using var synthesizer = new SpeechSynthesizer(Options.Create(new SynthesisOptions()));
        using var recognizer = new SpeechRecognizer(
            Options.Create(new SpeechRecognitionOptions()), new FixedModel(Model), NullLogger<SpeechRecognizer>.Instance);

        Cases = AccuracyCorpus.InGrammar(Model);
        var speech = new List<short[]>();
        foreach (var spoken in Cases)
        {
            speech.Add(await SpokenAudio.SpeakAsync(synthesizer, spoken.Text, SpokenAudio.VoiceFor(spoken.Index)));
        }

        var decode = TimeSpan.Zero;
        var audioMilliseconds = 0L;
        Heard Hear(SpokenCase spoken, short[] audio)
        {
            var result = Recognize(recognizer, SpokenAudio.ThroughAdpcm(audio), spoken.Answer ? RecognitionMode.Answer : RecognitionMode.Command);
            decode += result.DecodeTime;
            audioMilliseconds += result.AudioMilliseconds;
            return new Heard(spoken, result, Understand(result));
        }

        Clean = Cases.Select(spoken => Hear(spoken, speech[spoken.Index])).ToList();
        Noisy = Cases.Select(spoken => Hear(spoken, SpokenAudio.WithNoise(speech[spoken.Index], NoiseDecibels, spoken.Index))).ToList();

        var rejected = new List<(string, RecognitionResult, IntentMatch)>();
        for (var i = 0; i < AccuracyCorpus.OutOfGrammar.Count; i++)
        {
            var text = AccuracyCorpus.OutOfGrammar[i];
            var audio = await SpokenAudio.SpeakAsync(synthesizer, text, SpokenAudio.VoiceFor(i));
            var result = Recognize(recognizer, SpokenAudio.ThroughAdpcm(audio), RecognitionMode.Command);
            rejected.Add((text, result, Understand(result)));
        }

        OutOfGrammar = rejected;
        RealTimeFactor = decode.TotalMilliseconds / audioMilliseconds;
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    private IntentMatch Understand(RecognitionResult result) =>
        result.Outcome == RecognitionOutcome.Recognized ? Model.Matcher.Match(result.Transcript) : IntentMatch.None;

    /// <summary>Feeds the audio in 20 ms frames, as the device grain does when chunks arrive.</summary>
    private static RecognitionResult Recognize(SpeechRecognizer recognizer, short[] audio, RecognitionMode mode)
    {
        using var stream = recognizer.Start(mode);
        for (var offset = 0; offset < audio.Length; offset += SpokenAudio.FrameSamples)
        {
            stream.Accept(audio.AsSpan(offset, Math.Min(SpokenAudio.FrameSamples, audio.Length - offset)));
        }

        return stream.Finish();
    }

    private sealed class FixedModel(InteractionModel model) : IInteractionModelSource
    {
        public InteractionModel Current => model;

        public event Action<InteractionModel>? Changed
        {
            add { }
            remove { }
        }
    }
}
