using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.SpeechTests.Synthesis;

[Collection(SynthesisFixture.Collection)]
public sealed class SpeechSynthesizerTests(SynthesisFixture fixture)
{
    // Speech from espeak-ng at normal volume has an RMS in the thousands; silence is 0.
    private const double AudibleRms = 300;

    private const int Rate = SpeechSynthesizer.OutputSampleRate;

    private readonly SpeechSynthesizer synthesizer = fixture.Synthesizer;

    [Fact]
    public async Task A_short_command_is_spoken_in_one_to_four_seconds_of_audible_16_kHz_audio()
    {
        var audio = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence));

        Assert.InRange(Pcm.Seconds(audio, Rate), 1.0, 4.0);
        Assert.True(Pcm.Rms(audio) > AudibleRms, $"RMS {Pcm.Rms(audio):F0}");
    }

    [Theory]
    [InlineData("en-us")]
    [InlineData("en")]
    [InlineData("en+m3")]
    [InlineData("en+f3")]
    [InlineData("en-gb-x-rp")]
    public async Task Every_supported_voice_speaks(string name)
    {
        var voice = new SynthesisVoice(name, SynthesisVoice.NormalRate, SynthesisVoice.NormalPitch);

        var audio = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, voice));

        Assert.InRange(Pcm.Seconds(audio, Rate), 1.0, 4.0);
        Assert.True(Pcm.Rms(audio) > AudibleRms, $"{name}: RMS {Pcm.Rms(audio):F0}");
    }

    [Theory]
    [InlineData("no-such-voice")]
    [InlineData("en+no-such-variant")]
    public async Task An_unknown_voice_fails_naming_it_and_the_next_request_still_speaks(string name)
    {
        var voice = new SynthesisVoice(name, SynthesisVoice.NormalRate, SynthesisVoice.NormalPitch);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, voice)));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.True(Pcm.Rms(await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence))) > AudibleRms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("\u0001\u0000")]
    [InlineData("\u200B\uFEFF")]
    public async Task Text_with_nothing_to_say_yields_no_audio(string text)
    {
        var chunks = 0;
        await foreach (var chunk in synthesizer.SynthesizeAsync(text))
        {
            chunks++;
        }

        Assert.Equal(0, chunks);
    }

    [Fact]
    public async Task Embedded_espeak_commands_can_neither_silence_a_reply_nor_change_the_next_one()
    {
        var voice = SynthesisFixture.RepeatableVoice;
        var reference = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, voice));

        // Ctrl-A "0A" is espeak-ng's embedded command for amplitude 0, "10S" for 10 words per minute.
        var hostile = await Pcm.CollectAsync(synthesizer.SynthesizeAsync("\u00010A\u000110S your order is ready", voice));
        var next = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, voice));

        Assert.True(Pcm.Rms(hostile) > AudibleRms, $"RMS {Pcm.Rms(hostile):F0}");
        Assert.Equal(reference, next);
    }

    [Fact]
    public async Task Ssml_markup_is_read_as_text_and_not_obeyed()
    {
        const double BreakSeconds = 20;

        var audio = await Pcm.CollectAsync(synthesizer.SynthesizeAsync($"ready <break time=\"{BreakSeconds}s\"/> now"));

        Assert.True(Pcm.Seconds(audio, Rate) < BreakSeconds, $"{Pcm.Seconds(audio, Rate):F1} s");
        Assert.True(Pcm.Rms(audio) > AudibleRms);
    }

    [Fact]
    public async Task Rate_and_pitch_of_the_voice_change_the_speech()
    {
        var normal = SynthesisFixture.RepeatableVoice;
        var slow = normal with { RateWordsPerMinute = SynthesisVoice.MinimumRate };
        var low = normal with { Pitch = SynthesisVoice.MinimumPitch };
        var high = normal with { Pitch = SynthesisVoice.MaximumPitch };

        var atNormal = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, normal));
        var atSlow = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, slow));
        var atLow = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, low));
        var atHigh = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, high));

        Assert.True(atSlow.Length > atNormal.Length * 3 / 2, $"{atSlow.Length} vs {atNormal.Length} samples");
        var lowPitch = Pcm.MedianPitch(atLow, Rate, AudibleRms);
        var highPitch = Pcm.MedianPitch(atHigh, Rate, AudibleRms);
        Assert.True(highPitch > lowPitch * 1.2, $"{lowPitch:F0} Hz at pitch 0, {highPitch:F0} Hz at pitch 100");
    }
}
