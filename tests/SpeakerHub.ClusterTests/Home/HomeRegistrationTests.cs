using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.ClusterTests.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Home;

[Collection(SkillClusterCollection.Name)]
public sealed class HomeRegistrationTests(SkillClusterFixture fixture)
{
    [Fact]
    public async Task Names_are_stored_as_the_words_people_say()
    {
        var home = NewHome();

        var appliance = await home.Register(new ApplianceRegistration("  Bedside-Lamp ", "Kid's Room", ApplianceKind.Dimmer));

        Assert.Equal(("bedside lamp", "kids room", "virtual"), (appliance.Name, appliance.Room, appliance.Brand));
        Assert.Equal(new ApplianceState(On: false, Brightness: 100), appliance.State);
        Assert.Equal([appliance], await home.List());
    }

    [Fact]
    public async Task A_second_appliance_of_the_same_name_in_a_room_is_a_conflict_even_through_synonyms()
    {
        var home = NewHome();
        await home.Register(new ApplianceRegistration("lights", "lounge", ApplianceKind.Light));

        await Assert.ThrowsAsync<ApplianceConflictException>(
            () => home.Register(new ApplianceRegistration("light", "living room", ApplianceKind.Dimmer)));
        Assert.Single(await home.List());
    }

    [Theory]
    [InlineData("lamp 2", "bedroom", null, "name")]
    [InlineData("lamp", "", null, "room")]
    [InlineData("lamp", "bedroom", "acme", "brand")]
    public async Task A_refused_registration_names_the_field_at_fault(string name, string room, string? brand, string field)
    {
        var home = NewHome();

        var refused = await Assert.ThrowsAsync<ApplianceRejectedException>(
            () => home.Register(new ApplianceRegistration(name, room, ApplianceKind.Light, brand)));

        Assert.Equal(field, refused.Field);
        Assert.Empty(await home.List());
    }

    [Fact]
    public async Task A_renamed_appliance_answers_to_its_new_name_only()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        var home = fixture.Client.GetHome(speaker.OwnerId!);
        var appliance = await home.Register(new ApplianceRegistration("lamp", "office", ApplianceKind.Light));

        var renamed = await home.Update(appliance.Id, new ApplianceUpdate(Name: "desk lamp"));
        var byOldName = await speaker.SayAsync("turn on the office lamp");
        var byNewName = await speaker.SayAsync("turn on the office desk lamp");

        Assert.Equal(("desk lamp", "office"), (renamed.Name, renamed.Room));
        Assert.Equal("I can't find an office lamp.", byOldName.Reply);
        Assert.Equal("Okay, the office desk lamp is on.", byNewName.Reply);
    }

    [Fact]
    public async Task Removing_an_unknown_appliance_is_not_found()
    {
        var home = NewHome();
        var appliance = await home.Register(new ApplianceRegistration("fan", "attic", ApplianceKind.Switch));

        await home.Remove(appliance.Id);

        Assert.Empty(await home.List());
        await Assert.ThrowsAsync<ApplianceNotFoundException>(() => home.Remove(appliance.Id));
        await Assert.ThrowsAsync<ApplianceNotFoundException>(() => home.Get(appliance.Id));
    }

    [Fact]
    public async Task A_change_a_kind_cannot_take_is_refused()
    {
        var home = NewHome();
        var light = await home.Register(new ApplianceRegistration("light", "porch", ApplianceKind.Light));

        var refused = await Assert.ThrowsAsync<ApplianceRejectedException>(() => home.Apply(light.Id, new ApplianceChange(Locked: false)));

        Assert.Equal("change", refused.Field);
    }

    private IHomeGrain NewHome() => fixture.Client.GetHome(Speaker.NewOwnerId());
}
