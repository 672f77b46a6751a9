using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Gateway;

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<RunningCloud>
{
    public const string Name = "Gateway";
}
