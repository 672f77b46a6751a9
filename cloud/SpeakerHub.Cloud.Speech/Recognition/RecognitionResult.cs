namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>What became of an utterance.</summary>
public enum RecognitionOutcome
{
    /// <summary>A sentence of the grammar (or, after a wake phrase, nothing more): read the transcript.</summary>
    Recognized,

    /// <summary>Speech, but no sentence we understand, or a voice-triggered utterance without the wake phrase.</summary>
    OutOfGrammar,

    /// <summary>Nothing but silence or noise.</summary>
    NoSpeech,
}

/// <summary>
/// The recognizer's answer for one utterance.
/// </summary>
/// <param name="Outcome">Whether <paramref name="Transcript"/> is worth matching.</param>
/// <param name="Transcript">The recognized words without the wake phrase (empty if only the wake phrase
/// was said); null unless <see cref="RecognitionOutcome.Recognized"/>.</param>
/// <param name="WakePhraseHeard">The utterance opened with the wake phrase.</param>
/// <param name="DecodeTime">Time spent inside the decoder for this utterance, all frames and the finish.</param>
/// <param name="AudioMilliseconds">Length of the audio fed.</param>
public sealed record RecognitionResult(
    RecognitionOutcome Outcome,
    string? Transcript,
    bool WakePhraseHeard,
    TimeSpan DecodeTime,
    int AudioMilliseconds);
