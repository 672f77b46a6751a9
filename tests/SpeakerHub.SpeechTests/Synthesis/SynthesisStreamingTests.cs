using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.SpeechTests.Synthesis;

[Collection(SynthesisFixture.Collection)]
public sealed class SynthesisStreamingTests(SynthesisFixture fixture)
{
    private const int Rate = SpeechSynthesizer.OutputSampleRate;

    private static readonly SynthesisVoice Voice = SynthesisFixture.RepeatableVoice;

    private readonly SpeechSynthesizer synthesizer = fixture.Synthesizer;

    [Fact]
    public async Task The_first_chunk_reaches_the_listener_while_the_rest_of_the_text_is_still_being_synthesized()
    {
        using var probe = new SynthesizerProbe();
        using var probed = SynthesisFixture.Create(probe);

        var chunks = 0;
        await foreach (var chunk in probed.SynthesizeAsync(SynthesisFixture.LongText, Voice))
        {
            if (++chunks == 1)
            {
                // The synthesizer thread is held inside the text's first chunk until this line runs.
                probe.Release();
            }
        }

        Assert.True(probe.HeldAtFirstChunkUntilReleased);
        Assert.True(chunks > 1, $"{chunks} chunk(s)");
        Assert.Equal(1, probe.FinishedTexts);
    }

    [Fact]
    public async Task Cancelling_mid_stream_ends_the_stream_stops_the_synthesis_and_leaves_the_next_request_intact()
    {
        var whole = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.LongText, Voice));
        var reference = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, Voice));
        using var probe = new SynthesizerProbe();
        using var probed = SynthesisFixture.Create(probe);
        using var cancellation = new CancellationTokenSource();

        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in probed.SynthesizeAsync(SynthesisFixture.LongText, Voice, cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
                probe.Release();
            }
        });
        var next = await Pcm.CollectAsync(synthesizer.SynthesizeAsync(SynthesisFixture.TimerSentence, Voice));

        Assert.Equal(1, received);
        Assert.Equal(0, probe.FinishedTexts);
        Assert.True(probe.AudioSeconds < Pcm.Seconds(whole, Rate) / 2, $"{probe.AudioSeconds:F2} of {Pcm.Seconds(whole, Rate):F2} s");
        Assert.Equal(reference, next);
    }

    [Fact]
    public async Task A_listener_that_stops_reading_early_stops_the_synthesis()
    {
        using var probe = new SynthesizerProbe();
        using var probed = SynthesisFixture.Create(probe);

        await foreach (var chunk in probed.SynthesizeAsync(SynthesisFixture.LongText, Voice))
        {
            break;
        }

        probe.Release();
        var after = await Pcm.CollectAsync(probed.SynthesizeAsync(SynthesisFixture.TimerSentence, Voice));

        Assert.NotEmpty(after);
        Assert.Equal(1, probe.FinishedTexts);
    }

    [Fact]
    public async Task Requests_from_eight_threads_at_once_each_get_exactly_their_own_text_as_if_spoken_alone()
    {
        string[] texts =
        [
            "set a timer for five minutes", "turn up the volume", "what time is it", "play some music in the kitchen",
            "order a large pizza with extra cheese", "stop", "remind me to call mum at six", "turn off the lights in the living room",
        ];
        var alone = new List<short[]>();
        foreach (var text in texts)
        {
            alone.Add(await Pcm.CollectAsync(synthesizer.SynthesizeAsync(text, Voice)));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var concurrent = texts
            .Select(text => Task.Run(async () =>
            {
                await start.Task;
                return await Pcm.CollectAsync(synthesizer.SynthesizeAsync(text, Voice));
            }))
            .ToArray();
        start.SetResult();
        var together = await Task.WhenAll(concurrent);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(alone[i].SequenceEqual(together[i]), $"'{texts[i]}': {together[i].Length} samples, alone {alone[i].Length}");
        }
    }

    [Fact]
    public async Task A_disposed_synthesizer_refuses_new_requests()
    {
        var disposed = SynthesisFixture.Create();
        disposed.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => Pcm.CollectAsync(disposed.SynthesizeAsync(SynthesisFixture.TimerSentence)));
    }
}
