using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Nlu;
using Xunit;

namespace SpeakerHub.ClusterTests.Skills;

public sealed class BuiltInSkillTests
{
    [Theory]
    [InlineData(15, 5, "It's 3:05 PM.")]
    [InlineData(0, 0, "It's 12:00 AM.")]
    [InlineData(9, 41, "It's 9:41 AM.")]
    public void Clock_tells_the_time_of_the_injected_clock(int hour, int minute, string speech)
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2025, 1, 1, hour, minute, 0, TimeSpan.Zero));
        using var services = BuiltInSkills.Services(clock);

        var routed = services.GetRequiredService<IntentRouter>().Route("what time is it", new SkillContext("d", BuiltInSkills.Twin()));

        Assert.Equal(speech, routed.Outcome.Speech);
        Assert.Null(routed.Outcome.TwinChange);
    }

    [Fact]
    public void Setting_the_volume_changes_the_desired_volume_and_unmutes()
    {
        var outcome = BuiltInSkills.Route("set volume to five", BuiltInSkills.Twin(volume: 2, muted: true)).Outcome;

        Assert.Equal(new TwinChange(Volume: 5, Muted: false), outcome.TwinChange);
        Assert.Equal("Volume 5.", outcome.Speech);
    }

    [Fact]
    public void Volume_above_ten_is_explained_instead_of_applied()
    {
        var outcome = BuiltInSkills.Route("volume fifteen", BuiltInSkills.Twin()).Outcome;

        Assert.Null(outcome.TwinChange);
        Assert.Contains("0 to 10", outcome.Speech, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("louder", 5, 6)]
    [InlineData("turn the volume up", 9, 10)]
    [InlineData("quieter", 5, 4)]
    [InlineData("volume down", 1, 0)]
    public void Louder_and_quieter_step_the_volume(string text, int from, int to)
    {
        var outcome = BuiltInSkills.Route(text, BuiltInSkills.Twin(volume: from)).Outcome;

        Assert.Equal(new TwinChange(Volume: to), outcome.TwinChange);
    }

    [Fact]
    public void Volume_step_comes_from_options()
    {
        var outcome = BuiltInSkills.Route("louder", BuiltInSkills.Twin(volume: 5), options => options.VolumeStep = 3).Outcome;

        Assert.Equal(8, outcome.TwinChange?.Volume);
    }

    [Theory]
    [InlineData("louder", 10)]
    [InlineData("quieter", 0)]
    public void Stepping_past_either_end_changes_nothing(string text, int volume)
    {
        var outcome = BuiltInSkills.Route(text, BuiltInSkills.Twin(volume: volume)).Outcome;

        Assert.Null(outcome.TwinChange);
    }

    [Theory]
    [InlineData("mute", false, true)]
    [InlineData("be quiet", false, true)]
    [InlineData("unmute", true, false)]
    public void Mute_and_unmute_change_the_desired_mute(string text, bool muted, bool expected)
    {
        var outcome = BuiltInSkills.Route(text, BuiltInSkills.Twin(muted: muted)).Outcome;

        Assert.Equal(new TwinChange(Muted: expected), outcome.TwinChange);
    }

    [Fact]
    public void Muting_a_muted_speaker_changes_nothing()
    {
        Assert.Null(BuiltInSkills.Route("mute", BuiltInSkills.Twin(muted: true)).Outcome.TwinChange);
    }

    [Fact]
    public void Text_no_skill_understands_gets_the_fallback_reply()
    {
        var routed = BuiltInSkills.Route("sing me a song", BuiltInSkills.Twin());

        Assert.True(routed.Match.IsNone);
        Assert.Equal("Sorry, I didn't get that.", routed.Outcome.Speech);
        Assert.Null(routed.Outcome.TwinChange);
    }

    [Fact]
    public void Registering_skills_twice_installs_each_skill_once()
    {
        var services = new ServiceCollection();
        services.AddSpeakerHubSkills();
        services.AddSpeakerHubSkills(options => options.VolumeStep = 2);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(3, provider.GetServices<ISkill>().Count());
        var louder = provider.GetRequiredService<IntentRouter>().Route("louder", new SkillContext("d", BuiltInSkills.Twin(volume: 6)));
        Assert.Equal(8, louder.Outcome.TwinChange?.Volume);
    }
}
