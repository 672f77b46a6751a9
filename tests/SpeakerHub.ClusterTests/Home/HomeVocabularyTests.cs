using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Home;
using SpeakerHub.Cloud.Speech.Nlu;
using SpeakerHub.ClusterTests.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Home;

/// <summary>Registered names and rooms enter the interaction model the speech grammar is compiled from.</summary>
[Collection(SkillClusterCollection.Name)]
public sealed class HomeVocabularyTests(SkillClusterFixture fixture)
{
    [Fact]
    public async Task Registering_a_new_name_publishes_a_newer_model_that_hears_it()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        var home = fixture.Client.GetHome(speaker.OwnerId!);
        var before = fixture.Catalog.Current;
        var published = new List<InteractionModel>();
        fixture.Catalog.Changed += published.Add;
        try
        {
            await home.Register(new ApplianceRegistration("jacuzzi", "conservatory", ApplianceKind.Switch));
        }
        finally
        {
            fixture.Catalog.Changed -= published.Add;
        }

        var after = fixture.Catalog.Current;
        Assert.True(after.Version > before.Version);
        Assert.Contains(after, published);
        Assert.True(Phrases(after, HomeSkill.ApplianceSlot).Contains("jacuzzi"));
        Assert.True(Phrases(after, HomeSkill.RoomSlot).Contains("conservatory"));
        Assert.False(Phrases(before, HomeSkill.ApplianceSlot).Contains("jacuzzi"));
        Assert.Equal("Okay, the conservatory jacuzzi is on.", (await speaker.SayAsync("turn on the conservatory jacuzzi")).Reply);
    }

    [Fact]
    public async Task A_word_leaves_the_model_when_the_last_home_using_it_drops_it()
    {
        var first = fixture.Client.GetHome(Speaker.NewOwnerId());
        var second = fixture.Client.GetHome(Speaker.NewOwnerId());
        var firstSauna = await first.Register(new ApplianceRegistration("sauna", "basement", ApplianceKind.Switch));
        var secondSauna = await second.Register(new ApplianceRegistration("sauna", "garage", ApplianceKind.Switch));

        await first.Remove(firstSauna.Id);
        var whileUsed = Phrases(fixture.Catalog.Current, HomeSkill.ApplianceSlot).Contains("sauna");
        await second.Remove(secondSauna.Id);

        Assert.True(whileUsed);
        Assert.False(Phrases(fixture.Catalog.Current, HomeSkill.ApplianceSlot).Contains("sauna"));
    }

    [Fact]
    public async Task Words_the_base_vocabulary_has_change_nothing()
    {
        var home = fixture.Client.GetHome(Speaker.NewOwnerId());
        var before = fixture.Catalog.Current.Version;

        await home.Register(new ApplianceRegistration("lamp", "bedroom", ApplianceKind.Light));

        Assert.Equal(before, fixture.Catalog.Current.Version);
    }

    private static IReadOnlySet<string> Phrases(InteractionModel model, string slot) =>
        model.Intents.SelectMany(intent => intent.Slots).Where(pair => pair.Key == slot)
            .SelectMany(pair => pair.Value.Phrases.Keys).ToHashSet(StringComparer.Ordinal);
}
