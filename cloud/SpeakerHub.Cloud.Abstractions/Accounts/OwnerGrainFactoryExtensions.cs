namespace SpeakerHub.Cloud.Abstractions.Accounts;

public static class OwnerGrainFactoryExtensions
{
    public static IOwnerGrain GetOwner(this IGrainFactory grains, string ownerId) => grains.GetGrain<IOwnerGrain>(ownerId);
}
