using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.TestingHost;
using SpeakerHub.Cloud.Grains.Accounts;
using SpeakerHub.Cloud.Grains.History;
using Xunit;

namespace SpeakerHub.ClusterTests.Accounts;

/// <summary>Limits of accounts and history are checked when the silo starts, not when the first owner hits them.</summary>
public sealed class OwnerDataOptionsTests
{
    [Fact]
    public async Task A_silo_with_more_audio_clips_than_interactions_refuses_to_start_naming_the_setting()
    {
        var failure = await StartFailureAsync(silo => silo.AddSpeakerHubHistory(options =>
        {
            options.MaxInteractions = 10;
            options.MaxAudioClips = 11;
        }));

        Assert.Contains("History: MaxAudioClips", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_allowing_owners_no_keys_refuses_to_start_naming_the_setting()
    {
        var failure = await StartFailureAsync(silo => silo.AddSpeakerHubAccounts(options => options.MaxApiKeysPerOwner = 0));

        Assert.Contains("Accounts: MaxApiKeysPerOwner", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<OptionsValidationException> StartFailureAsync(Action<ISiloBuilder> configure)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => configure(silo.AddMemoryGrainStorage("devices")));
        await using var cluster = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.DeployAsync());
    }
}
