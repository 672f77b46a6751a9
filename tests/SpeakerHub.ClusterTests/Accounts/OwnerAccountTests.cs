using System.Security.Cryptography;
using System.Text;
using SpeakerHub.Cloud.Abstractions.Accounts;
using Xunit;

namespace SpeakerHub.ClusterTests.Accounts;

[Collection(OwnerDataClusterCollection.Name)]
public sealed class OwnerAccountTests(OwnerDataClusterFixture fixture)
{
    [Fact]
    public async Task A_new_owner_gets_a_key_that_names_the_owner_and_verifies()
    {
        var ownerId = OwnerApiKey.NewOwnerId();

        var issued = await fixture.Client.GetOwner(ownerId).Create("The Lindqvists");

        Assert.True(OwnerApiKey.TryParse(issued.ApiKey, out var parsedOwner, out var secret));
        Assert.Equal(ownerId, parsedOwner);
        Assert.True(await fixture.Client.GetOwner(ownerId).VerifyKey(secret));
        var profile = await fixture.Client.GetOwner(ownerId).GetProfile();
        Assert.Equal(("The Lindqvists", issued.KeyId), (profile?.Name, Assert.Single(profile!.Keys).KeyId));
    }

    [Fact]
    public async Task Storage_holds_the_sha256_of_the_secret_and_never_the_secret()
    {
        var ownerId = OwnerApiKey.NewOwnerId();
        var secret = Secret(await fixture.Client.GetOwner(ownerId).Create("Hash check"));

        var stored = Assert.Single(await fixture.StoredPayloadsAsync("owner", ownerId));

        Assert.True(Contains(stored, SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        Assert.False(Contains(stored, Encoding.UTF8.GetBytes(secret)));
    }

    [Fact]
    public async Task A_wrong_secret_a_secret_one_character_off_and_an_unknown_owner_all_fail_to_verify()
    {
        var ownerId = OwnerApiKey.NewOwnerId();
        var secret = Secret(await fixture.Client.GetOwner(ownerId).Create("Wrong keys"));
        var lastCharacterChanged = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');

        Assert.False(await fixture.Client.GetOwner(ownerId).VerifyKey(OwnerApiKey.NewSecret()));
        Assert.False(await fixture.Client.GetOwner(ownerId).VerifyKey(lastCharacterChanged));
        Assert.False(await fixture.Client.GetOwner(ownerId).VerifyKey(string.Empty));
        Assert.False(await fixture.Client.GetOwner(OwnerApiKey.NewOwnerId()).VerifyKey(secret));
    }

    [Fact]
    public async Task Rotating_issues_a_working_key_and_revokes_every_older_one()
    {
        var owner = fixture.Client.GetOwner(OwnerApiKey.NewOwnerId());
        var first = Secret(await owner.Create("Rotation"));
        var second = Secret((await owner.IssueKey(revokeOthers: false))!);

        var rotated = await owner.IssueKey(revokeOthers: true);

        Assert.True(await owner.VerifyKey(Secret(rotated!)));
        Assert.False(await owner.VerifyKey(first));
        Assert.False(await owner.VerifyKey(second));
        Assert.Equal(rotated!.KeyId, Assert.Single((await owner.GetProfile())!.Keys).KeyId);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_while_the_owners_other_keys_still_do()
    {
        var owner = fixture.Client.GetOwner(OwnerApiKey.NewOwnerId());
        var phone = await owner.Create("Revocation");
        var console = (await owner.IssueKey(revokeOthers: false))!;

        Assert.True(await owner.RevokeKey(phone.KeyId));

        Assert.False(await owner.VerifyKey(Secret(phone)));
        Assert.True(await owner.VerifyKey(Secret(console)));
        Assert.False(await owner.RevokeKey(phone.KeyId));
    }

    [Fact]
    public async Task An_owner_holds_at_most_the_configured_number_of_keys_unless_rotating()
    {
        var owner = fixture.Client.GetOwner(OwnerApiKey.NewOwnerId());
        await owner.Create("Key limit");
        for (var held = 1; held < OwnerDataClusterFixture.MaxApiKeysPerOwner; held++)
        {
            Assert.NotNull(await owner.IssueKey(revokeOthers: false));
        }

        Assert.Null(await owner.IssueKey(revokeOthers: false));
        Assert.NotNull(await owner.IssueKey(revokeOthers: true));
        Assert.Single((await owner.GetProfile())!.Keys);
    }

    [Fact]
    public async Task Creating_an_owner_that_exists_fails_and_leaves_its_name_and_keys_alone()
    {
        var owner = fixture.Client.GetOwner(OwnerApiKey.NewOwnerId());
        var issued = await owner.Create("First");

        await Assert.ThrowsAsync<OwnerAlreadyExistsException>(() => owner.Create("Second"));

        Assert.Equal("First", (await owner.GetProfile())?.Name);
        Assert.True(await owner.VerifyKey(Secret(issued)));
    }

    [Fact]
    public async Task Devices_are_listed_once_however_often_they_are_added()
    {
        var owner = fixture.Client.GetOwner(OwnerApiKey.NewOwnerId());
        await owner.Create("Devices");

        await owner.AddDevice("kitchen");
        await owner.AddDevice("hall");
        await owner.AddDevice("kitchen");

        Assert.Equal(["kitchen", "hall"], (await owner.GetProfile())!.DeviceIds);
    }

    [Fact]
    public async Task An_owner_that_was_never_created_has_no_profile_and_takes_no_devices_or_keys()
    {
        var owner = fixture.Client.GetOwner(OwnerApiKey.NewOwnerId());

        Assert.Null(await owner.GetProfile());
        await Assert.ThrowsAsync<OwnerNotFoundException>(() => owner.AddDevice("kitchen"));
        await Assert.ThrowsAsync<OwnerNotFoundException>(() => owner.IssueKey(revokeOthers: false));
    }

    private static string Secret(IssuedApiKey key) =>
        OwnerApiKey.TryParse(key.ApiKey, out _, out var secret) ? secret : throw new InvalidOperationException($"'{key.ApiKey}' is no key.");

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
