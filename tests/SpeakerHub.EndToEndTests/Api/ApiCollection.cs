using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Api;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<RunningCloud>
{
    public const string Name = "HTTP API";
}
