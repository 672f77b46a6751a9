using Xunit.Abstractions;

namespace SpeakerHub.AccuracyTests.Accuracy;

/// <summary>
/// Speech in, intent and slots out, held to exact match with what the same sentence typed means. The
/// figures are written to the test output with every miss, so a regression says what it broke.
/// </summary>
public sealed class AccuracySuiteTests(AccuracyRun run, ITestOutputHelper output) : IClassFixture<AccuracyRun>
{
    [Fact]
    public void The_corpus_speaks_at_least_300_sentences_covering_every_intent_with_several_voices_and_speeds()
    {
        Assert.True(run.Cases.Count >= 300, $"{run.Cases.Count} sentences");
        Assert.All(run.Model.Intents, intent =>
            Assert.True(run.Cases.Count(spoken => spoken.Expected.Intent == intent.Name) >= 3, intent.Name));
        Assert.Equal(SpokenAudio.Voices.Count, run.Cases.Select(spoken => SpokenAudio.VoiceFor(spoken.Index)).Distinct().Count());
    }

    [Fact]
    public void Clean_speech_is_understood_exactly_at_least_95_percent_of_the_time()
    {
        var correct = Report("clean", run.Clean);
        output.WriteLine($"decoding real-time factor over the run: {run.RealTimeFactor:0.000} (a figure, not a bar)");
        Assert.True(correct >= 0.95, $"{correct:P1} of clean sentences understood exactly");
    }

    [Fact]
    public void Speech_in_household_noise_at_10_dB_is_understood_exactly_at_least_85_percent_of_the_time()
    {
        var correct = Report($"pink noise at {AccuracyRun.NoiseDecibels} dB SNR", run.Noisy);
        Assert.True(correct >= 0.85, $"{correct:P1} of noisy sentences understood exactly");
    }

    [Fact]
    public void Requests_no_skill_understands_are_turned_away_rather_than_acted_on()
    {
        var accepted = run.OutOfGrammar.Where(entry => !entry.Understood.IsNone).ToList();
        foreach (var (text, result, understood) in accepted)
        {
            output.WriteLine($"acted on \"{text}\": heard \"{result.Transcript}\" as {AccuracyCorpus.Describe(understood)}");
        }

        var turnedAway = 1.0 - ((double)accepted.Count / run.OutOfGrammar.Count);
        output.WriteLine($"out of grammar: {turnedAway:P0} of {run.OutOfGrammar.Count} turned away");
        Assert.True(turnedAway >= 0.8, $"{turnedAway:P0} turned away");
    }

    private double Report(string condition, IReadOnlyList<Heard> heard)
    {
        var misses = heard.Where(each => !each.Correct).ToList();
        output.WriteLine($"{condition}: {heard.Count - misses.Count}/{heard.Count} understood exactly");
        foreach (var miss in misses)
        {
            output.WriteLine("  " + miss);
        }

        return (double)(heard.Count - misses.Count) / heard.Count;
    }
}
