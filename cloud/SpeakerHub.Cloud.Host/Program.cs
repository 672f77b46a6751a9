using SpeakerHub.Cloud.Host;

// The composition lives in SpeakerHubHost, so the end-to-end tests start exactly this host in-process.
var builder = SpeakerHubHost.CreateBuilder(args);
await using var app = SpeakerHubHost.Build(builder);
await app.RunAsync();
