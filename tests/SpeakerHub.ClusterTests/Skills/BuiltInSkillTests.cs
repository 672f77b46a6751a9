using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Grains.Skills.BuiltIn;
using Xunit;

namespace SpeakerHub.ClusterTests.Skills;

public sealed class BuiltInSkillTests
{
    [Theory]
    [InlineData(15, 5, "It's 3:05 PM.")]
    [InlineData(0, 0, "It's 12:00 AM.")]
    [InlineData(9, 41, "It's 9:41 AM.")]
    public async Task Clock_tells_the_time_of_the_injected_clock(int hour, int minute, string speech)
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 1, 1, hour, minute, 0, TimeSpan.Zero));
        await using var services = BuiltInSkills.Services(clock);

        var turn = await services.GetRequiredService<DialogEngine>()
            .RespondAsync(new DialogSession(), "what time is it", BuiltInSkills.Context(BuiltInSkills.Twin()), CancellationToken.None);

        Assert.Equal(speech, turn.Outcome.Speech);
        Assert.Null(turn.Outcome.TwinChange);
    }

    [Theory]
    [InlineData("what's the date", ClockSkill.GetDate, "It's Friday, March 14, 2025.")]
    [InlineData("what's today's date", ClockSkill.GetDate, "It's Friday, March 14, 2025.")]
    [InlineData("what day is it", ClockSkill.GetDay, "It's Friday.")]
    [InlineData("what day of the week is it", ClockSkill.GetDay, "It's Friday.")]
    public async Task Clock_tells_the_date_and_the_weekday(string text, string intent, string speech)
    {
        var turn = await BuiltInSkills.SayAsync(text, BuiltInSkills.Twin());

        Assert.Equal(intent, turn.Match.Intent);
        Assert.Equal(speech, turn.Outcome.Speech);
    }

    [Fact]
    public async Task Setting_the_volume_changes_the_desired_volume_and_unmutes()
    {
        var outcome = (await BuiltInSkills.SayAsync("set volume to five", BuiltInSkills.Twin(volume: 2, muted: true))).Outcome;

        Assert.Equal(new TwinChange(Volume: 5, Muted: false), outcome.TwinChange);
        Assert.Equal("Volume 5.", outcome.Speech);
    }

    [Fact]
    public async Task Volume_above_ten_is_explained_instead_of_applied()
    {
        var outcome = (await BuiltInSkills.SayAsync("volume fifteen", BuiltInSkills.Twin())).Outcome;

        Assert.Null(outcome.TwinChange);
        Assert.Contains("0 to 10", outcome.Speech, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("louder", 5, 6)]
    [InlineData("turn the volume up", 9, 10)]
    [InlineData("quieter", 5, 4)]
    [InlineData("volume down", 1, 0)]
    public async Task Louder_and_quieter_step_the_volume(string text, int from, int to)
    {
        var outcome = (await BuiltInSkills.SayAsync(text, BuiltInSkills.Twin(volume: from))).Outcome;

        Assert.Equal(new TwinChange(Volume: to), outcome.TwinChange);
    }

    [Fact]
    public async Task Volume_step_comes_from_options()
    {
        var outcome = (await BuiltInSkills.SayAsync("louder", BuiltInSkills.Twin(volume: 5), options => options.VolumeStep = 3)).Outcome;

        Assert.Equal(8, outcome.TwinChange?.Volume);
    }

    [Theory]
    [InlineData("louder", 10)]
    [InlineData("quieter", 0)]
    public async Task Stepping_past_either_end_changes_nothing(string text, int volume)
    {
        var outcome = (await BuiltInSkills.SayAsync(text, BuiltInSkills.Twin(volume: volume))).Outcome;

        Assert.Null(outcome.TwinChange);
    }

    [Theory]
    [InlineData("mute", false, true)]
    [InlineData("be quiet", false, true)]
    [InlineData("unmute", true, false)]
    public async Task Mute_and_unmute_change_the_desired_mute(string text, bool muted, bool expected)
    {
        var outcome = (await BuiltInSkills.SayAsync(text, BuiltInSkills.Twin(muted: muted))).Outcome;

        Assert.Equal(new TwinChange(Muted: expected), outcome.TwinChange);
    }

    [Fact]
    public async Task Muting_a_muted_speaker_changes_nothing()
    {
        Assert.Null((await BuiltInSkills.SayAsync("mute", BuiltInSkills.Twin(muted: true))).Outcome.TwinChange);
    }

    [Theory]
    [InlineData("sing me a song")]
    [InlineData("yes")]
    [InlineData("five minutes")]
    [InlineData("the kitchen one")]
    public async Task Text_no_skill_understands_here_gets_the_fallback_reply(string text)
    {
        var turn = await BuiltInSkills.SayAsync(text, BuiltInSkills.Twin());

        Assert.True(turn.Match.IsNone);
        Assert.Equal("Sorry, I didn't get that.", turn.Outcome.Speech);
        Assert.Null(turn.Outcome.TwinChange);
        Assert.False(turn.Outcome.ExpectsFollowUp);
    }

    [Theory]
    [InlineData("what can you do")]
    [InlineData("help")]
    public async Task Help_lists_what_the_installed_skills_do(string text)
    {
        var turn = await BuiltInSkills.SayAsync(text, BuiltInSkills.Twin());

        Assert.Equal(HelpSkill.Help, turn.Match.Intent);
        Assert.Equal(
            "I can tell the time and date, set timers, change the volume, mute and unmute, and control your lights, "
            + "plugs, locks and thermostat. For example, say: set a timer for five minutes.",
            turn.Outcome.Speech);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("cancel")]
    [InlineData("never mind")]
    public async Task Stop_says_okay_and_changes_nothing(string text)
    {
        var turn = await BuiltInSkills.SayAsync(text, BuiltInSkills.Twin());

        Assert.Equal((StopSkill.Stop, StopSkill.Speech), (turn.Match.Intent, turn.Outcome.Speech));
        Assert.Null(turn.Outcome.TwinChange);
    }

    [Fact]
    public async Task Registering_skills_twice_installs_each_skill_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualClock(BuiltInSkills.FiveAfterThreePm));
        services.AddLogging();
        services.AddSpeakerHubSkills();
        services.AddSpeakerHubSkills(options => options.VolumeStep = 2);
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(8, provider.GetServices<ISkill>().Count());
        var louder = await provider.GetRequiredService<DialogEngine>()
            .RespondAsync(new DialogSession(), "louder", BuiltInSkills.Context(BuiltInSkills.Twin(volume: 6)), CancellationToken.None);
        Assert.Equal(8, louder.Outcome.TwinChange?.Volume);
    }
}
