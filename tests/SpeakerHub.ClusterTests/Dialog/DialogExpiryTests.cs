using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Grains.Timers;
using SpeakerHub.ClusterTests.Skills;
using Xunit;

namespace SpeakerHub.ClusterTests.Dialog;

/// <summary>The dialog's memory against a clock the test moves, so expiry needs no waiting.</summary>
public sealed class DialogExpiryTests
{
    private static readonly TimeSpan Window = new DialogOptions().ContextWindow;

    [Fact]
    public async Task A_question_is_forgotten_once_its_window_passed()
    {
        var clock = new ManualClock(BuiltInSkills.FiveAfterThreePm);
        await using var services = BuiltInSkills.Services(clock);
        var engine = services.GetRequiredService<DialogEngine>();
        var session = new DialogSession();
        var context = BuiltInSkills.Context(BuiltInSkills.Twin());

        var question = await engine.RespondAsync(session, "set a timer", context, CancellationToken.None);
        clock.Advance(Window);
        var late = await engine.RespondAsync(session, "five minutes", context, CancellationToken.None);

        Assert.Equal(TimerSkill.DurationQuestion, question.Outcome.Speech);
        Assert.True(late.Match.IsNone);
        Assert.Equal(IntentRouter.FallbackSpeech, late.Outcome.Speech);
    }

    [Fact]
    public async Task A_question_is_still_open_just_before_its_window_ends()
    {
        var clock = new ManualClock(BuiltInSkills.FiveAfterThreePm);
        await using var services = BuiltInSkills.Services(clock);
        var session = new DialogSession();

        await services.GetRequiredService<DialogEngine>()
            .RespondAsync(session, "set a timer", BuiltInSkills.Context(BuiltInSkills.Twin()), CancellationToken.None);
        clock.Advance(Window - TimeSpan.FromSeconds(1));

        Assert.Equal(ContinuationKind.SlotAnswer, session.AwaitingAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(session.AwaitingAt(clock.GetUtcNow()));
    }

    [Fact]
    public async Task The_window_comes_from_options()
    {
        var clock = new ManualClock(BuiltInSkills.FiveAfterThreePm);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        services.AddSpeakerHubSkills();
        services.Configure<DialogOptions>(options => options.ContextWindow = TimeSpan.FromSeconds(5));
        await using var provider = services.BuildServiceProvider();
        var session = new DialogSession();

        await provider.GetRequiredService<DialogEngine>()
            .RespondAsync(session, "set a timer", BuiltInSkills.Context(BuiltInSkills.Twin()), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(session.AwaitingAt(clock.GetUtcNow()));
    }
}
