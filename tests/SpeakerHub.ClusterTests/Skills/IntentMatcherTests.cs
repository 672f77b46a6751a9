using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Nlu;
using SpeakerHub.Cloud.Grains.Skills.BuiltIn;
using Xunit;

namespace SpeakerHub.ClusterTests.Skills;

public sealed class IntentMatcherTests
{
    private readonly IntentMatcher matcher = BuiltInSkills.Catalog.Current.Matcher;

    /// <summary>Every sample of every installed intent, with each slot filled by one of its spoken values.</summary>
    public static TheoryData<string, string, string> SampleSentences()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var intent in BuiltInSkills.Catalog.Intents)
        {
            foreach (var sample in intent.SampleUtterances)
            {
                var sentence = sample;
                var slots = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, type) in intent.Slots)
                {
                    if (!sentence.Contains("{" + name + "}", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var (spoken, canonical) = type.Phrases.OrderBy(pair => pair.Key, StringComparer.Ordinal).First();
                    sentence = sentence.Replace("{" + name + "}", spoken, StringComparison.Ordinal);
                    slots[name] = canonical;
                }

                data.Add(intent.Name, sentence, string.Join(", ", slots.Select(slot => slot.Key + "=" + slot.Value)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleSentences))]
    public void Every_sample_utterance_routes_to_its_own_intent(string intent, string sentence, string slots)
    {
        var match = matcher.Match(sentence);

        Assert.Equal(intent, match.Intent);
        Assert.Equal(slots, string.Join(", ", match.Slots.OrderBy(slot => slot.Key, StringComparer.Ordinal).Select(slot => slot.Key + "=" + slot.Value)));
    }

    [Fact]
    public void Every_built_in_skill_offers_samples()
    {
        Assert.Equal(
            [
                "AllLightsOff", "AllLightsOn", "ApplianceAlso", "ApplianceChoiceAnswer", "Brighten", "CancelAllTimers", "CancelTimer",
                "Dim", "GetDate", "GetDay", "GetTime", "Help", "IsLocked", "IsOn", "Lock", "Mute", "No", "SetBrightness",
                "SetTemperature", "SetTimer", "SetVolume", "Stop", "TimerChoiceAnswer", "TimerDurationAnswer", "TimerTimeLeft",
                "TurnOff", "TurnOn", "Unlock", "Unmute", "VolumeDown", "VolumeUp", "Yes",
            ],
            BuiltInSkills.Catalog.Intents.Select(intent => intent.Name).Order(StringComparer.Ordinal));
        Assert.All(BuiltInSkills.Catalog.Intents, intent => Assert.NotEmpty(intent.SampleUtterances));
    }

    [Fact]
    public void Every_word_the_grammar_gets_is_plain_lowercase_letters()
    {
        var words = BuiltInSkills.Catalog.Intents
            .SelectMany(intent => intent.SampleUtterances.SelectMany(sample => SampleParser.Parse(intent, sample))
                .Where(part => part.Slot is null).Select(part => part.Word)
                .Concat(intent.Slots.Values.SelectMany(type => type.Phrases.Keys).SelectMany(phrase => phrase.Split(' '))))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        Assert.All(words, word => Assert.Matches("^[a-z]+$", word));
    }

    [Theory]
    [InlineData("set volume to five", "5")]
    [InlineData("volume 7", "7")]
    [InlineData("Set the volume to TWENTY!", "20")]
    [InlineData("volume to zero", "0")]
    [InlineData("volume 07", "7")]
    [InlineData("please change the volume to eleven", "11")]
    public void Volume_level_is_read_from_number_words_and_digits(string text, string level)
    {
        var match = matcher.Match(text);

        Assert.Equal(VolumeSkill.SetVolume, match.Intent);
        Assert.Equal(level, match.Slots[VolumeSkill.LevelSlot]);
    }

    [Theory]
    [InlineData("What's the time?")]
    [InlineData("WHATS THE TIME")]
    [InlineData("what\u2019s the time")]
    [InlineData("  what   time is it ")]
    [InlineData("Tell me the time, please.")]
    public void Matching_ignores_case_punctuation_apostrophes_and_politeness(string text)
    {
        Assert.Equal(ClockSkill.GetTime, matcher.Match(text).Intent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ?! ")]
    [InlineData("order a pizza")]
    [InlineData("volume")]
    [InlineData("set volume to loud")]
    [InlineData("set the volume to twenty one")]
    [InlineData("set the volume to forty")]
    [InlineData("volume 1000")]
    [InlineData("what time is it in paris")]
    [InlineData("mute the kitchen lights")]
    public void Out_of_scope_text_matches_no_intent(string text)
    {
        var match = matcher.Match(text);

        Assert.True(match.IsNone);
        Assert.Empty(match.Slots);
    }

    [Fact]
    public void Two_intents_claiming_the_same_sentence_are_refused_at_start()
    {
        var services = new ServiceCollection().AddLogging().AddSpeakerHubSkills();
        services.AddSingleton<ISkill>(new FixedSkill("Silence", "Mute Yourself!"));

        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<SkillCatalog>);
        Assert.Contains("Mute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_with_an_undeclared_slot_is_refused_at_start()
    {
        Assert.Throws<InvalidOperationException>(() => new SkillCatalog([new FixedSkill("Play", "play {song}")]));
    }

    private sealed class FixedSkill(string intent, string sample) : ISkill
    {
        public string? Capability => null;

        public IReadOnlyList<IntentDefinition> Intents { get; } = [new(intent, [sample])];

        public Task<SkillOutcome> HandleAsync(IntentMatch match, SkillContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new SkillOutcome("ok", new TwinChange()));
    }
}
