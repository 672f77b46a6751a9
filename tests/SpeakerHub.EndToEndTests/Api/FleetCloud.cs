using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>
/// The real cloud host for the fleet API tests, started once per test class: the admin key set in
/// configuration, the operator key left to the host, which generates <c>operator.key</c> in the data
/// directory where an operator would read it.
/// </summary>
public sealed class FleetCloud : IAsyncLifetime
{
    public CloudNode Node { get; } = new();

    public string AdminKey => Node.AdminKey;

    public string OperatorKey => Node.OperatorKey;

    public string OperatorKeyFile => Node.OperatorKeyFile;

    public CapturedLog Log => Node.Log;

    /// <summary>The fleet API, authenticated with the operator key.</summary>
    public HttpClient Fleet => Node.Fleet;

    public HttpClient Client(string? bearer) => Node.Client(bearer);

    /// <summary>Provisions a device of <paramref name="model"/> through the admin API and returns its id.</summary>
    public async Task<string> ProvisionAsync(string model) => (await Node.ProvisionAsync(model)).Id;

    public Task InitializeAsync() => Node.StartAsync();

    public Task DisposeAsync() => Node.DisposeAsync().AsTask();
}
