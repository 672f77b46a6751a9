using SpeakerHub.Cloud.Abstractions.Accounts;
using Xunit;

namespace SpeakerHub.ClusterTests.Accounts;

public sealed class OwnerApiKeyTests
{
    [Fact]
    public void A_formatted_key_parses_back_into_its_owner_and_secret()
    {
        var secret = OwnerApiKey.NewSecret();

        Assert.True(OwnerApiKey.TryParse(OwnerApiKey.Format("own-abc", secret), out var ownerId, out var parsed));

        Assert.Equal(("own-abc", secret), (ownerId, parsed));
        Assert.Equal(OwnerApiKey.SecretLength, secret.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("own-abc")]
    [InlineData(".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("own-abc.short")]
    [InlineData("own/abc.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("own-abc.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("own-abc.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.x")]
    public void Text_that_cannot_be_a_key_does_not_parse(string presented)
    {
        Assert.False(OwnerApiKey.TryParse(presented, out _, out _));
    }
}
