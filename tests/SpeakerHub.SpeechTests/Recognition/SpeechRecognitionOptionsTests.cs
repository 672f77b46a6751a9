using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Speech.Recognition;

namespace SpeakerHub.SpeechTests.Recognition;

public sealed class SpeechRecognitionOptionsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void A_noise_gain_floor_outside_zero_to_one_fails_at_start_naming_its_key(double floor)
    {
        var services = new ServiceCollection().AddSpeakerHubSpeechRecognition(options => options.NoiseGainFloor = floor);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Speech:Recognition:NoiseGainFloor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Noise_suppression_is_on_by_default()
    {
        Assert.True(new SpeechRecognitionOptions().NoiseSuppression);
    }
}
