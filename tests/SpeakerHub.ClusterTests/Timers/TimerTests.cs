using Orleans.Core.Internal;
using SpeakerHub.Cloud.Abstractions.Timers;
using SpeakerHub.Cloud.Grains.Timers;
using SpeakerHub.ClusterTests.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Timers;

[Collection(SkillClusterCollection.Name)]
public sealed class TimerTests(SkillClusterFixture fixture)
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_timer_rings_once_and_is_announced_on_its_device()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        var timers = fixture.Client.GetTimers(speaker.DeviceId);

        await timers.Start(Short, name: null);
        await timers.Start(Short * 2, name: "tea");

        // The later timer's announcement proves the earlier one had every chance to ring twice.
        var announcements = await speaker.WaitForAnnouncementsAsync(2);
        Assert.Equal(["Your one second timer is done.", "Your tea timer is done."], announcements.Select(reply => reply.Text));
        Assert.Empty(await timers.List());
    }

    [Fact]
    public async Task A_timer_rings_after_its_grain_was_deactivated()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        var timers = fixture.Client.GetTimers(speaker.DeviceId);
        await timers.Start(Short * 2, name: "eggs");

        // Gone from memory with its in-memory alarm: only the stored reminder can bring it back.
        await timers.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var announcement = Assert.Single(await speaker.WaitForAnnouncementsAsync(1));
        Assert.Equal("Your eggs timer is done.", announcement.Text);
    }

    [Fact]
    public async Task Running_timers_are_stored_across_deactivation()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        var timers = fixture.Client.GetTimers(speaker.DeviceId);
        var started = await timers.Start(TimeSpan.FromHours(1), name: "bread");

        await timers.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(started, Assert.Single(await timers.List()));
    }

    [Theory]
    [InlineData("set a timer for five minutes", 300, "Five minutes, starting now.")]
    [InlineData("set a timer for one hour and thirty minutes", 5400, "One hour and thirty minutes, starting now.")]
    [InlineData("start a timer for ninety seconds", 90, "Ninety seconds, starting now.")]
    [InlineData("set a ten minute timer", 600, "Ten minutes, starting now.")]
    [InlineData("set a timer for two hours", 7200, "Two hours, starting now.")]
    [InlineData("set a timer for half an hour", 1800, "Thirty minutes, starting now.")]
    [InlineData("set a timer for two minutes and thirty seconds", 150, "Two minutes and thirty seconds, starting now.")]
    [InlineData("set a pasta timer for twelve minutes", 720, "Pasta timer for twelve minutes, starting now.")]
    public async Task A_spoken_timer_runs_for_what_was_said(string text, int seconds, string reply)
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        var result = await speaker.SayAsync(text);

        Assert.Equal((TimerSkill.SetTimer, reply), (result.Intent, result.Reply));
        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.Single(await fixture.Client.GetTimers(speaker.DeviceId).List()).Duration);
    }

    [Fact]
    public async Task Time_left_is_told_for_the_running_timer()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        await speaker.SayAsync("set a timer for two hours");

        var result = await speaker.SayAsync("how much time is left on my timer");

        // Whole minutes once it is an hour or more, rounded up: still "two hours" a moment later.
        Assert.Equal((TimerSkill.TimeLeft, "Your two hour timer has two hours left."), (result.Intent, result.Reply));
    }

    [Fact]
    public async Task Time_left_names_each_timer_when_several_run()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        await speaker.SayAsync("set a pasta timer for two hours");
        await speaker.SayAsync("set a timer for three hours");

        var result = await speaker.SayAsync("how long is left");

        Assert.Equal("Your pasta timer has two hours left. Your three hour timer has three hours left.", result.Reply);
    }

    [Fact]
    public async Task Cancelling_the_only_timer_stops_it()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        await speaker.SayAsync("set a timer for five minutes");

        var result = await speaker.SayAsync("cancel the timer");

        Assert.Equal("Okay, I cancelled your five minute timer.", result.Reply);
        Assert.Empty(await fixture.Client.GetTimers(speaker.DeviceId).List());
    }

    [Fact]
    public async Task Cancelling_by_name_leaves_the_other_timers_running()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);
        await speaker.SayAsync("set a pasta timer for ten minutes");
        await speaker.SayAsync("set a tea timer for five minutes");

        var result = await speaker.SayAsync("cancel the pasta timer");

        Assert.Equal("Okay, I cancelled your pasta timer.", result.Reply);
        Assert.Equal("tea", Assert.Single(await fixture.Client.GetTimers(speaker.DeviceId).List()).Name);
    }

    [Fact]
    public async Task Saying_how_long_left_without_timers_says_so()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        Assert.Equal(TimerSkill.NoTimersSpeech, (await speaker.SayAsync("how long is left on my timer")).Reply);
        Assert.Equal("You don't have any timers.", (await speaker.SayAsync("cancel all timers")).Reply);
    }

    [Fact]
    public async Task A_timer_longer_than_a_day_is_refused_with_the_limit()
    {
        var speaker = await Speaker.StartAsync(fixture.Client);

        var result = await speaker.SayAsync("set a timer for twenty four hours and thirty minutes");

        Assert.Equal("I can set timers for up to twenty four hours.", result.Reply);
        Assert.Empty(await fixture.Client.GetTimers(speaker.DeviceId).List());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => fixture.Client.GetTimers(speaker.DeviceId).Start(TimeSpan.FromHours(25), name: null));
    }
}
