namespace SpeakerHub.EndToEndTests.Infrastructure;

/// <summary>A <see cref="CloudNode"/> started once for a test class or collection and removed after it.</summary>
public sealed class RunningCloud : IAsyncLifetime
{
    public CloudNode Node { get; } = new();

    public Task InitializeAsync() => Node.StartAsync();

    public Task DisposeAsync() => Node.DisposeAsync().AsTask();
}
