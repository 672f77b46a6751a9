using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Abstractions.Timers;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.Home;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Grains.Skills.BuiltIn;
using SpeakerHub.Cloud.Grains.Timers;
using SpeakerHub.Cloud.Speech.Nlu;
using SpeakerHub.ClusterTests.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Dialog;

/// <summary>The dialog as a device experiences it: sentence after sentence through <c>Say</c>.</summary>
[Collection(SkillClusterCollection.Name)]
public sealed class DialogTests(SkillClusterFixture fixture)
{
    [Fact]
    public async Task A_missing_duration_is_asked_for_and_the_answer_sets_the_timer()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        var question = await speaker.SayAsync("set a timer");
        var answer = await speaker.SayAsync("five minutes");

        Assert.Equal((TimerSkill.SetTimer, TimerSkill.DurationQuestion, true), (question.Intent, question.Reply, question.ExpectsFollowUp));
        Assert.Equal((TimerSkill.SetTimer, "Five minutes, starting now.", false), (answer.Intent, answer.Reply, answer.ExpectsFollowUp));
        Assert.Equal("5", answer.Slots[TimerDurations.Minutes]);
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.Single(await fixture.Client.GetTimers(speaker.DeviceId).List()).Duration);
    }

    [Fact]
    public async Task The_answer_keeps_the_slots_of_the_question()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        await speaker.SayAsync("set a pasta timer");
        var answer = await speaker.SayAsync("for ten minutes");

        Assert.Equal("Pasta timer for ten minutes, starting now.", answer.Reply);
    }

    [Fact]
    public async Task Cancel_ends_the_dialog_so_the_answer_does_nothing()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        await speaker.SayAsync("set a timer");
        var cancel = await speaker.SayAsync("never mind");
        var late = await speaker.SayAsync("five minutes");

        Assert.Equal((StopSkill.Stop, StopSkill.Speech), (cancel.Intent, cancel.Reply));
        Assert.Equal((IntentMatch.NoneIntent, IntentRouter.FallbackSpeech), (late.Intent, late.Reply));
        Assert.Empty(await fixture.Client.GetTimers(speaker.DeviceId).List());
    }

    [Fact]
    public async Task A_new_request_instead_of_an_answer_is_served_and_closes_the_question()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        await speaker.SayAsync("set a timer");
        var other = await speaker.SayAsync("what day is it");
        var late = await speaker.SayAsync("five minutes");

        Assert.Equal(ClockSkill.GetDay, other.Intent);
        Assert.Equal(IntentMatch.NoneIntent, late.Intent);
    }

    [Fact]
    public async Task A_misheard_answer_gets_the_fallback_and_sets_nothing()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        await speaker.SayAsync("set a timer");
        var misheard = await speaker.SayAsync("order me a pizza");

        Assert.Equal((IntentMatch.NoneIntent, IntentRouter.FallbackSpeech), (misheard.Intent, misheard.Reply));
        Assert.Empty(await fixture.Client.GetTimers(speaker.DeviceId).List());
    }

    [Fact]
    public async Task Cancelling_all_timers_asks_first_and_yes_cancels_them()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        await speaker.SayAsync("set a timer for five minutes");
        await speaker.SayAsync("set a timer for ten minutes");

        var question = await speaker.SayAsync("cancel all timers");
        var yes = await speaker.SayAsync("yes");

        Assert.Equal(("Cancel all two timers?", true), (question.Reply, question.ExpectsFollowUp));
        Assert.Equal((TimerSkill.CancelAllTimers, "Okay, I cancelled all two timers."), (yes.Intent, yes.Reply));
        Assert.Empty(await fixture.Client.GetTimers(speaker.DeviceId).List());
    }

    [Fact]
    public async Task No_to_the_confirmation_keeps_the_timers()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        await speaker.SayAsync("set a timer for five minutes");
        await speaker.SayAsync("set a timer for ten minutes");

        await speaker.SayAsync("cancel all timers");
        var no = await speaker.SayAsync("no thanks");
        var strayYes = await speaker.SayAsync("yes");

        Assert.Equal((YesNoSkill.No, DialogEngine.DeclinedSpeech), (no.Intent, no.Reply));
        Assert.Equal(IntentMatch.NoneIntent, strayYes.Intent);
        Assert.Equal(2, (await fixture.Client.GetTimers(speaker.DeviceId).List()).Count);
    }

    [Fact]
    public async Task Several_timers_make_cancel_ask_which_one()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        await speaker.SayAsync("set a pasta timer for ten minutes");
        await speaker.SayAsync("set a tea timer for five minutes");

        var question = await speaker.SayAsync("cancel the timer");
        var answer = await speaker.SayAsync("the pasta one");

        Assert.Equal("Which timer: the tea timer or the pasta timer?", question.Reply);
        Assert.Equal((TimerSkill.CancelTimer, "Okay, I cancelled your pasta timer."), (answer.Intent, answer.Reply));
        Assert.Equal("tea", Assert.Single(await fixture.Client.GetTimers(speaker.DeviceId).List()).Name);
    }

    [Fact]
    public async Task And_the_bedroom_light_repeats_the_last_change_for_another_appliance()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        var home = fixture.Client.GetHome(speaker.OwnerId!);
        var kitchen = await home.Register(new ApplianceRegistration("light", "kitchen", ApplianceKind.Light));
        var bedroom = await home.Register(new ApplianceRegistration("lamp", "bedroom", ApplianceKind.Light));

        await speaker.SayAsync("turn on the kitchen light");
        var also = await speaker.SayAsync("and the bedroom lamp");

        Assert.Equal((HomeSkill.TurnOn, "Okay, the bedroom lamp is on."), (also.Intent, also.Reply));
        Assert.True((await home.Get(kitchen.Id)).State.On);
        Assert.True((await home.Get(bedroom.Id)).State.On);
    }
}
