using CsCheck;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.UnitTests.Protocol;

public sealed class DeviceTokenTests
{
    private const long Now = 1_800_000_000;
    private static readonly Gen<string> DeviceId = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_"], 1, Topics.MaxDeviceIdLength];

    [Fact]
    public void A_token_made_with_the_device_key_is_valid_until_it_expires()
    {
        Gen.Select(DeviceId, Gen.Byte.Array[DeviceToken.KeyLength], Gen.Long[1, 100_000]).Sample((id, key, lifetime) =>
        {
            string token = DeviceToken.Create(id, key, Now + lifetime);
            Assert.Equal(TokenCheck.Valid, DeviceToken.Check(id, key, token, Now));
            Assert.Equal(TokenCheck.Expired, DeviceToken.Check(id, key, token, Now + lifetime));
        }, iter: 500);
    }

    [Fact]
    public void A_token_is_refused_for_another_key_or_another_device()
    {
        byte[] key = Enumerable.Repeat((byte)7, DeviceToken.KeyLength).ToArray();
        byte[] otherKey = Enumerable.Repeat((byte)8, DeviceToken.KeyLength).ToArray();
        string token = DeviceToken.Create("spk-1", key, Now + 60);

        Assert.Equal(TokenCheck.BadSignature, DeviceToken.Check("spk-1", otherKey, token, Now));
        Assert.Equal(TokenCheck.BadSignature, DeviceToken.Check("spk-2", key, token, Now));
    }

    [Fact]
    public void A_token_with_a_pushed_back_expiry_is_refused()
    {
        byte[] key = new byte[DeviceToken.KeyLength];
        string token = DeviceToken.Create("spk-1", key, Now - 10);
        string extended = token.Replace((Now - 10).ToString(), (Now + 9999).ToString(), StringComparison.Ordinal);

        Assert.Equal(TokenCheck.BadSignature, DeviceToken.Check("spk-1", key, extended, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1..")]
    [InlineData("v2.1800000060.00")]
    [InlineData("v1.18000x0060.0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("v1.1800000060.zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("v1.1800000060.00")]
    [InlineData("v1.9999999999999.0000000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_tokens_are_refused_without_an_exception(string token)
    {
        Assert.Equal(TokenCheck.Malformed, DeviceToken.Check("spk-1", new byte[DeviceToken.KeyLength], token, Now));
    }

    [Fact]
    public void Hex_round_trips_and_rejects_non_hex()
    {
        Gen.Byte.Array[0, 64].Sample(bytes => Assert.Equal(bytes, Hex.Decode(Hex.Encode(bytes))));
        Assert.Null(Hex.Decode("abc"));
        Assert.Null(Hex.Decode("0g"));
    }
}
