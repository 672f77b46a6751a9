using System.Security.Cryptography;
using System.Text;
using SpeakerHub.Cloud.Abstractions.Accounts;

namespace SpeakerHub.Cloud.Grains.Accounts;

/// <summary>
/// API keys of an account grain (owners, merchants): <c>{accountId}.{secret}</c> issued once, kept only
/// as the SHA-256 of the secret, and checked in time that says nothing about which key matched.
/// </summary>
public static class ApiKeyRing
{
    private const string KeyIdPrefix = "key-";
    private const int KeyIdLength = 8;
    private const string KeyIdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    // Compared against when the account has no keys, so an unknown account costs the same as a wrong secret.
    private static readonly byte[] NoKeyHash = new byte[SHA256.HashSizeInBytes];

    public static (StoredApiKey Stored, IssuedApiKey Issued) NewKey(string accountId, DateTimeOffset now)
    {
        var secret = OwnerApiKey.NewSecret();
        var keyId = KeyIdPrefix + RandomNumberGenerator.GetString(KeyIdAlphabet, KeyIdLength);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return (new StoredApiKey(keyId, hash, now), new IssuedApiKey(accountId, keyId, OwnerApiKey.Format(accountId, secret), now));
    }

    public static bool Verify(IReadOnlyCollection<StoredApiKey> keys, string? secret)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? string.Empty), presented);

        // Every key is compared and the results combined without short-circuiting.
        var matches = false;
        foreach (var key in keys)
        {
            matches |= CryptographicOperations.FixedTimeEquals(presented, key.SecretHash);
        }

        if (keys.Count == 0)
        {
            matches &= CryptographicOperations.FixedTimeEquals(presented, NoKeyHash);
        }

        return matches;
    }
}
