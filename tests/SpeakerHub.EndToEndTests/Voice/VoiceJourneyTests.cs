using System.Net.Http.Json;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.EndToEndTests.Api;
using SpeakerHub.EndToEndTests.Infrastructure;
using SpeakerHub.Simulator.Say;

namespace SpeakerHub.EndToEndTests.Voice;

/// <summary>
/// Spoken requests through the whole product: espeak-ng speech into the simulated speaker's
/// microphone, the firmware's voice detector and ADPCM over MQTT, pocketsphinx and the dialog in the
/// cloud, espeak-ng reply audio back into the speaker's jitter buffer.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync, which xUnit calls after each test.
public sealed class VoiceJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly CloudWithSpeaker fixture = new();
    private CreatedOwner owner = null!;

    public async Task InitializeAsync() => await fixture.StartAsync(Patience, async cloud =>
    {
        owner = await OwnerAccounts.CreateAsync(cloud, "voice household");
        return owner.OwnerId;
    });

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task A_spoken_timer_request_sets_the_timer_and_is_answered_with_audible_speech()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var turn = await SpeakAsync("set a timer for five minutes", SpeechTrigger.Tap, timeout.Token);

        Assert.Equal("Five minutes, starting now.", turn.ReplyText);
        Assert.Equal(ReplyAudioOutcome.Played, turn.ReplyAudioOutcome);
        Assert.True(turn.ReplyAudio.Length > 16_000 / 2, $"{turn.ReplyAudio.Length} samples of reply audio");
        Assert.True(Rms(turn.ReplyAudio) > 300, "the reply audio is not silence");

        var timers = await TimersAsync(timeout.Token);
        var timer = Assert.Single(timers);
        Assert.Equal(300, timer.DurationSeconds);
    }

    [Fact]
    public async Task A_question_is_answered_by_voice_without_pressing_the_button_again()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var question = await SpeakAsync("set a timer", SpeechTrigger.Tap, timeout.Token);
        Assert.Equal("For how long?", question.ReplyText);
        Assert.True(question.ExpectsFollowUp);

        var answer = await SpeakAsync("five minutes", SpeechTrigger.FollowUp, timeout.Token);

        Assert.Equal("Five minutes, starting now.", answer.ReplyText);
        Assert.Equal(300, Assert.Single(await TimersAsync(timeout.Token)).DurationSeconds);
    }

    [Fact]
    public async Task Pressing_the_button_while_the_speaker_answers_stops_the_answer()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var speaker = fixture.Speaker;
        var clip = await SpokenInput.FromTextAsync("what can you do", voice: null, timeout.Token);
        var speaking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        speaker.StateChanged += (_, change) =>
        {
            if (change.Current == DeviceState.Speaking)
            {
                speaking.TrySetResult();
            }
        };

        var turn = speaker.SpeakAsync(clip, SpeechTrigger.Tap, timeout.Token);
        await speaking.Task.WaitAsync(timeout.Token);
        await speaker.PressAsync(ButtonEvent.ShortPress);

        var finished = await turn;
        Assert.Equal(ReplyAudioOutcome.Interrupted, finished.ReplyAudioOutcome);
        Assert.Equal(DeviceState.Idle, speaker.State);
    }

    private async Task<VoiceTurn> SpeakAsync(string text, SpeechTrigger trigger, CancellationToken cancellationToken)
    {
        var clip = await SpokenInput.FromTextAsync(text, voice: null, cancellationToken);
        return await fixture.Speaker.SpeakAsync(clip, trigger, cancellationToken);
    }

    private async Task<TimerBody[]> TimersAsync(CancellationToken cancellationToken)
    {
        using var client = OwnerAccounts.Client(fixture.Cloud, owner.ApiKey);
        return await client.GetFromJsonAsync<TimerBody[]>($"api/owner/devices/{fixture.Speaker.DeviceId}/timers", cancellationToken) ?? [];
    }

    private static double Rms(short[] samples) =>
        samples.Length == 0 ? 0 : Math.Sqrt(samples.Average(sample => (double)sample * sample));

    private sealed record TimerBody(int Id, string? Name, double DurationSeconds);
}
