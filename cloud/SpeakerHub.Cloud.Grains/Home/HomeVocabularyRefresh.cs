using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Grains.Skills;

namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>
/// Keeps this silo's <see cref="HomeVocabularyCache"/> in step with the cluster: loads the vocabulary
/// once the silo is active, then asks every <see cref="SkillOptions.VocabularyRefreshInterval"/>
/// whether another silo changed it (a version number comes back when nothing did).
/// </summary>
public sealed class HomeVocabularyRefresh(
    IGrainFactory grains,
    HomeVocabularyCache cache,
    IOptions<SkillOptions> options,
    TimeProvider time,
    ILogger<HomeVocabularyRefresh> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task polling = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(HomeVocabularyRefresh), ServiceLifecycleStage.Active, Start, Stop);

    /// <summary>Fetches the vocabulary if the cluster has a newer one; false when it could not ask.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var newer = await grains.GetHomeVocabulary().GetIfNewer(cache.Version).WaitAsync(cancellationToken);
            if (newer is not null && cache.Offer(newer))
            {
                logger.LogInformation("Home vocabulary {Version} loaded from the cluster", newer.Version);
            }

            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Voice keeps working with the words it has; the next poll tries again.
            logger.LogWarning(exception, "Home vocabulary could not be refreshed; keeping version {Version}", cache.Version);
            return false;
        }
    }

    public void Dispose() => stopping.Dispose();

    private async Task Start(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        polling = Poll(stopping.Token);
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        try
        {
            await polling.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down either way.
        }
    }

    private async Task Poll(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.VocabularyRefreshInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await RefreshAsync(cancellationToken);
        }
    }
}
