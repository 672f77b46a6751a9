using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Home;
using SpeakerHub.ClusterTests.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Home;

/// <summary>Register appliances, speak to them, read their state back.</summary>
[Collection(SkillClusterCollection.Name)]
public sealed class HomeVoiceTests(SkillClusterFixture fixture)
{
    [Fact]
    public async Task A_registered_light_turns_on_by_voice_and_says_so_when_asked()
    {
        var (speaker, home) = await StartAsync();
        var light = await home.Register(new ApplianceRegistration("Light", "Kitchen", ApplianceKind.Light));

        var on = await speaker.SayAsync("turn on the kitchen light");
        var asked = await speaker.SayAsync("is the kitchen light on");

        Assert.Equal((HomeSkill.TurnOn, "Okay, the kitchen light is on."), (on.Intent, on.Reply));
        Assert.Equal(("kitchen", "light"), (on.Slots[HomeSkill.RoomSlot], on.Slots[HomeSkill.ApplianceSlot]));
        Assert.True((await home.Get(light.Id)).State.On);
        Assert.Equal("The kitchen light is on.", asked.Reply);
    }

    [Fact]
    public async Task An_appliance_that_is_not_there_is_named_in_the_answer()
    {
        var (speaker, home) = await StartAsync();
        await home.Register(new ApplianceRegistration("light", "kitchen", ApplianceKind.Light));

        var result = await speaker.SayAsync("turn on the kitchen fan");

        Assert.Equal("I can't find a kitchen fan.", result.Reply);
    }

    [Fact]
    public async Task Synonyms_and_aliases_find_the_same_appliance()
    {
        var (speaker, home) = await StartAsync();
        var lamp = await home.Register(new ApplianceRegistration("reading lamp", "living room", ApplianceKind.Light, Aliases: ["lamp"]));

        var result = await speaker.SayAsync("switch on the lounge lamp");

        Assert.Equal("Okay, the living room reading lamp is on.", result.Reply);
        Assert.True((await home.Get(lamp.Id)).State.On);
    }

    [Fact]
    public async Task The_light_alone_asks_which_when_there_are_several_and_the_answer_picks_one()
    {
        var (speaker, home) = await StartAsync();
        var kitchen = await home.Register(new ApplianceRegistration("light", "kitchen", ApplianceKind.Light));
        var bedroom = await home.Register(new ApplianceRegistration("ceiling light", "bedroom", ApplianceKind.Dimmer));

        var question = await speaker.SayAsync("turn on the light");
        var answer = await speaker.SayAsync("the bedroom one");

        Assert.Equal(("Which light: the kitchen light or the bedroom ceiling light?", true), (question.Reply, question.ExpectsFollowUp));
        Assert.Equal((HomeSkill.TurnOn, "Okay, the bedroom ceiling light is on."), (answer.Intent, answer.Reply));
        Assert.False((await home.Get(kitchen.Id)).State.On);
        Assert.True((await home.Get(bedroom.Id)).State.On);
    }

    [Fact]
    public async Task A_dimmer_takes_a_brightness_and_a_plain_light_explains_it_cannot()
    {
        var (speaker, home) = await StartAsync();
        var dimmer = await home.Register(new ApplianceRegistration("light", "bedroom", ApplianceKind.Dimmer));
        await home.Register(new ApplianceRegistration("light", "kitchen", ApplianceKind.Light));

        var dimmed = await speaker.SayAsync("set the bedroom light to forty percent");
        var plain = await speaker.SayAsync("dim the kitchen light");

        Assert.Equal("The bedroom light is at 40 percent.", dimmed.Reply);
        Assert.Equal(new ApplianceState(On: true, Brightness: 40), (await home.Get(dimmer.Id)).State);
        Assert.Equal("The kitchen light can't be dimmed.", plain.Reply);
    }

    [Fact]
    public async Task Unlocking_a_door_is_confirmed_first()
    {
        var (speaker, home) = await StartAsync();
        var door = await home.Register(new ApplianceRegistration("front door", "hallway", ApplianceKind.Lock));

        var question = await speaker.SayAsync("unlock the front door");
        var stillLocked = (await home.Get(door.Id)).State.Locked;
        var yes = await speaker.SayAsync("yes");
        var asked = await speaker.SayAsync("is the front door locked");

        Assert.Equal(("Do you want to unlock the hallway front door?", true), (question.Reply, question.ExpectsFollowUp));
        Assert.True(stillLocked);
        Assert.Equal((HomeSkill.Unlock, "The hallway front door is unlocked."), (yes.Intent, yes.Reply));
        Assert.Equal("The hallway front door is unlocked.", asked.Reply);
    }

    [Fact]
    public async Task No_to_unlocking_keeps_the_door_locked()
    {
        var (speaker, home) = await StartAsync();
        var door = await home.Register(new ApplianceRegistration("back door", "kitchen", ApplianceKind.Lock));

        await speaker.SayAsync("unlock the back door");
        await speaker.SayAsync("no");

        Assert.True((await home.Get(door.Id)).State.Locked);
    }

    [Fact]
    public async Task Locking_needs_no_confirmation()
    {
        var (speaker, home) = await StartAsync();
        var door = await home.Register(new ApplianceRegistration("front door", "hallway", ApplianceKind.Lock));
        await home.Apply(door.Id, new ApplianceChange(Locked: false));

        var result = await speaker.SayAsync("lock the door");

        Assert.Equal("The hallway front door is locked.", result.Reply);
        Assert.True((await home.Get(door.Id)).State.Locked);
    }

    [Fact]
    public async Task Turn_off_all_the_lights_switches_off_every_light_and_nothing_else()
    {
        var (speaker, home) = await StartAsync();
        var lights = new[]
        {
            await home.Register(new ApplianceRegistration("light", "kitchen", ApplianceKind.Light)),
            await home.Register(new ApplianceRegistration("lamp", "bedroom", ApplianceKind.Dimmer)),
        };
        var kettle = await home.Register(new ApplianceRegistration("kettle", "kitchen", ApplianceKind.Plug));
        foreach (var appliance in lights.Append(kettle))
        {
            await home.Apply(appliance.Id, new ApplianceChange(On: true));
        }

        var result = await speaker.SayAsync("turn off all the lights");

        Assert.Equal("Okay, I turned off 2 lights.", result.Reply);
        foreach (var light in lights)
        {
            Assert.False((await home.Get(light.Id)).State.On);
        }

        Assert.True((await home.Get(kettle.Id)).State.On);
    }

    [Fact]
    public async Task The_thermostat_takes_a_temperature_within_its_range()
    {
        var (speaker, home) = await StartAsync();
        var thermostat = await home.Register(new ApplianceRegistration("thermostat", "hallway", ApplianceKind.Thermostat));

        var set = await speaker.SayAsync("set the temperature to twenty one degrees");
        var tooHot = await speaker.SayAsync("set the heating to seventy degrees");

        Assert.Equal("The hallway thermostat is set to 21 degrees.", set.Reply);
        Assert.Equal("I can set the temperature between 5 and 30 degrees.", tooHot.Reply);
        Assert.Equal(21, (await home.Get(thermostat.Id)).State.TargetTemperature);
    }

    [Fact]
    public async Task A_speaker_without_an_owner_explains_it_has_no_home()
    {
        var speaker = await Speaker.StartAsync(fixture.Client, withoutOwner: true);

        var result = await speaker.SayAsync("turn on the kitchen light");

        Assert.Equal(HomeSkill.NoHomeSpeech, result.Reply);
    }

    private async Task<(Speaker Speaker, IHomeGrain Home)> StartAsync()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        return (speaker, fixture.Client.GetHome(speaker.OwnerId!));
    }
}
