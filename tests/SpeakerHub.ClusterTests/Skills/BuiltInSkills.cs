using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Nlu;

namespace SpeakerHub.ClusterTests.Skills;

/// <summary>The built-in skills wired the way the silo wires them, with a clock the test controls.</summary>
public static class BuiltInSkills
{
    public static readonly DateTimeOffset FiveAfterThreePm = new(2025, 3, 14, 15, 5, 0, TimeSpan.Zero);

    public static ServiceProvider Services(TimeProvider? time = null, Action<SkillOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? new FixedTimeProvider(FiveAfterThreePm));
        services.AddSpeakerHubSkills(configure);
        return services.BuildServiceProvider();
    }

    public static SkillCatalog Catalog { get; } = Services().GetRequiredService<SkillCatalog>();

    public static RoutedUtterance Route(string text, TwinProperties desired, Action<SkillOptions>? configure = null)
    {
        using var services = Services(configure: configure);
        return services.GetRequiredService<IntentRouter>().Route(text, new SkillContext("test-device", desired));
    }

    public static TwinProperties Twin(int volume = 5, bool muted = false) => new(1, volume, muted, 50);
}

/// <summary>A clock stopped at one instant, in UTC as its local zone.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
