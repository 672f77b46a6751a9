using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.SpeechTests.Synthesis;

public sealed class SynthesisOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_speak_american_english_at_normal_rate_and_pitch()
    {
        var options = new SynthesisOptions();

        Assert.True(new SynthesisOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(new SynthesisVoice("en-us", 175, 50), options.DefaultVoice());
    }

    [Theory]
    [InlineData("Voice", "")]
    [InlineData("Voice", "../../etc/passwd")]
    [InlineData("Voice", "en+m3+f3")]
    [InlineData("RateWordsPerMinute", "79")]
    [InlineData("RateWordsPerMinute", "451")]
    [InlineData("Pitch", "101")]
    [InlineData("Volume", "-1")]
    [InlineData("BufferMilliseconds", "0")]
    public void A_bad_setting_fails_at_start_naming_its_configuration_key(string key, string value)
    {
        var services = new ServiceCollection().AddSpeakerHubSpeechSynthesis(options =>
        {
            var property = typeof(SynthesisOptions).GetProperty(key)!;
            property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"Speech:Synthesis:{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_voice_cannot_be_made_with_values_espeak_would_reject_not_even_with_with()
    {
        var voice = new SynthesisVoice("en-us", 175, 50);

        Assert.Throws<ArgumentException>(() => new SynthesisVoice("en us ", 175, 50));
        Assert.Throws<ArgumentException>(() => voice with { RateWordsPerMinute = 1000 });
        Assert.Throws<ArgumentException>(() => voice with { Pitch = -1 });
        Assert.Throws<ArgumentException>(() => voice with { Name = "en/us" });
    }

    [Fact]
    public void The_registered_synthesizer_is_one_instance_using_the_configured_voice()
    {
        using var provider = new ServiceCollection()
            .AddSpeakerHubSpeechSynthesis(options => options.Voice = "en+f3")
            .BuildServiceProvider();

        var synthesizer = provider.GetRequiredService<SpeechSynthesizer>();

        Assert.Same(synthesizer, provider.GetRequiredService<SpeechSynthesizer>());
        Assert.Equal("en+f3", synthesizer.DefaultVoice.Name);
    }
}
