using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.SpeechTests.Synthesis;

/// <summary>One synthesizer with the default options, shared by the synthesis tests.</summary>
public sealed class SynthesisFixture : IDisposable
{
    public const string Collection = "Speech synthesis";

    public const string TimerSentence = "set a timer for five minutes";

    public const string LongText =
        "Your order of one large pizza with mushrooms, olives and extra cheese is confirmed. "
        + "It will be ready for pickup at the store on Main Street in about twenty minutes. "
        + "Your pickup code is four seven two nine. Say cancel my order if you change your mind.";

    // espeak-ng's default voices add pitch flutter whose phase runs on from one text to the next inside
    // the library, so the same text never comes out twice alike. Variants with "flutter 0", like Denis,
    // repeat sample for sample; tests that compare audio exactly speak with one of them.
    public static readonly SynthesisVoice RepeatableVoice = new("en-us+Denis", SynthesisVoice.NormalRate, SynthesisVoice.NormalPitch);

    public SpeechSynthesizer Synthesizer { get; } = Create();

    public static SpeechSynthesizer Create(SynthesizerProbe? probe = null) =>
        new(Options.Create(new SynthesisOptions()), probe);

    public void Dispose() => Synthesizer.Dispose();
}

[CollectionDefinition(SynthesisFixture.Collection)]
public sealed class SynthesisCollection : ICollectionFixture<SynthesisFixture>;
