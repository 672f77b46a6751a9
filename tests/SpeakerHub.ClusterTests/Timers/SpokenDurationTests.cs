using SpeakerHub.Cloud.Grains.Timers;
using Xunit;

namespace SpeakerHub.ClusterTests.Timers;

public sealed class SpokenDurationTests
{
    [Theory]
    [InlineData(1, "one second")]
    [InlineData(90, "ninety seconds")]
    [InlineData(150, "two minutes and thirty seconds")]
    [InlineData(300, "five minutes")]
    [InlineData(2700, "forty five minutes")]
    [InlineData(3600, "one hour")]
    [InlineData(5400, "one hour and thirty minutes")]
    [InlineData(86400, "twenty four hours")]
    public void Lengths_are_said_as_people_set_them(int seconds, string spoken)
    {
        Assert.Equal(spoken, SpokenDuration.Length(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(300, "five minute")]
    [InlineData(90, "ninety second")]
    [InlineData(5400, "one hour and thirty minute")]
    public void A_length_before_a_noun_is_singular(int seconds, string spoken)
    {
        Assert.Equal(spoken, SpokenDuration.Adjective(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(299.2, "five minutes")]
    [InlineData(250, "four minutes and ten seconds")]
    [InlineData(0.4, "one second")]
    [InlineData(3599.5, "one hour")]
    [InlineData(3601, "one hour and one minute")]
    [InlineData(-1, "zero seconds")]
    public void Time_left_is_rounded_up_never_down(double seconds, string spoken)
    {
        Assert.Equal(spoken, SpokenDuration.Remaining(TimeSpan.FromSeconds(seconds)));
    }
}
