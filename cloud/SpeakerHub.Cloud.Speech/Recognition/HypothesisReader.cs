using SpeakerHub.Cloud.Speech.Grammar;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>Turns the decoder's best path into an outcome: wake phrase split off, garbage means rejection.</summary>
internal static class HypothesisReader
{
    // Below a tenth of a second of frames kept by the voice activity detector there was nothing to say.
    private const int SpeechFrames = 10;

    public static (RecognitionOutcome Outcome, string? Transcript, bool WakePhraseHeard) Read(
        string? hypothesis, int frames, IReadOnlyList<string> wakeWords, bool wakeTriggered)
    {
        var words = Words(hypothesis);
        if (words.Count == 0)
        {
            // Speech that reached no end of any sentence leaves no hypothesis at all: not ours either.
            return (frames < SpeechFrames ? RecognitionOutcome.NoSpeech : RecognitionOutcome.OutOfGrammar, null, false);
        }

        var wakeHeard = words.Count >= wakeWords.Count && wakeWords.Select((word, i) => words[i] == word).All(same => same);
        var request = wakeHeard ? words.Skip(wakeWords.Count).ToList() : words;
        if (request.Any(GarbageLoop.IsGarbage) || (wakeTriggered && !wakeHeard))
        {
            return (RecognitionOutcome.OutOfGrammar, null, wakeHeard);
        }

        return (RecognitionOutcome.Recognized, string.Join(' ', request), wakeHeard);
    }

    /// <summary>Words of the path; alternates ("word(2)") read as their word, fillers ("&lt;sil&gt;", "[NOISE]") dropped.</summary>
    private static List<string> Words(string? hypothesis)
    {
        var words = new List<string>();
        foreach (var token in (hypothesis ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token[0] is '<' or '[')
            {
                continue;
            }

            var alternate = token.IndexOf('(', StringComparison.Ordinal);
            words.Add(alternate > 0 ? token[..alternate] : token);
        }

        return words;
    }
}
