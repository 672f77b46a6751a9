using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Grains.Dialog;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.ClusterTests.Skills;

/// <summary>
/// The built-in skills and dialog wired the way the silo wires them, with a clock the test controls,
/// for the skills that need no grains (clock, volume, mute, help, the dialog's own answers).
/// </summary>
public static class BuiltInSkills
{
    public static readonly DateTimeOffset FiveAfterThreePm = new(2025, 3, 14, 15, 5, 0, TimeSpan.Zero);

    public static ServiceProvider Services(TimeProvider? time = null, Action<SkillOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? new ManualClock(FiveAfterThreePm));
        services.AddLogging();
        services.AddSpeakerHubSkills(configure);
        return services.BuildServiceProvider();
    }

    public static SkillCatalog Catalog { get; } = Services().GetRequiredService<SkillCatalog>();

    /// <summary>One sentence through a fresh dialog; these skills never reach for a grain.</summary>
    public static async Task<DialogTurn> SayAsync(string text, TwinProperties desired, Action<SkillOptions>? configure = null)
    {
        await using var services = Services(configure: configure);
        return await services.GetRequiredService<DialogEngine>()
            .RespondAsync(new DialogSession(), text, Context(desired), CancellationToken.None);
    }

    public static SkillContext Context(TwinProperties desired) => new("test-device", desired, OwnerId: null, Grains: null!);

    public static TwinProperties Twin(int volume = 5, bool muted = false) => new(1, volume, muted, 50);
}

/// <summary>A clock that stands still until the test moves it, in UTC as its local zone.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => now += by;
}
