using System.Buffers.Text;
using System.Security.Cryptography;

namespace SpeakerHub.Cloud.Abstractions.Accounts;

/// <summary>
/// Owner ids and the owner API key format <c>{ownerId}.{secret}</c>. The owner id in front lets a
/// request be routed to the one account that can verify it; the secret is 32 random bytes in
/// base64url, so it is never guessed, and the account stores only its SHA-256.
/// </summary>
public static class OwnerApiKey
{
    public const char Separator = '.';
    public const int SecretBytes = 32;

    /// <summary>Characters of a secret: 32 bytes in unpadded base64url.</summary>
    public const int SecretLength = 43;

    public const int MaxOwnerIdLength = 64;

    private const string GeneratedIdPrefix = "own-";
    private const int GeneratedIdLength = 12;
    private const string GeneratedIdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new owner id: 60 random bits, so creating one rarely needs a second draw.</summary>
    public static string NewOwnerId() => GeneratedIdPrefix + RandomNumberGenerator.GetString(GeneratedIdAlphabet, GeneratedIdLength);

    /// <summary>1..<see cref="MaxOwnerIdLength"/> ASCII letters, digits, '-' or '_': never the separator.</summary>
    public static bool IsValidOwnerId(ReadOnlySpan<char> ownerId) =>
        ownerId.Length is > 0 and <= MaxOwnerIdLength && IsBase64UrlText(ownerId);

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Format(string ownerId, string secret) => string.Concat(ownerId, Separator.ToString(), secret);

    /// <summary>Splits a presented key; false for anything that cannot be a key, without saying which part is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<char> key, out string ownerId, out string secret)
    {
        ownerId = string.Empty;
        secret = string.Empty;
        var separator = key.IndexOf(Separator);
        if (separator < 0)
        {
            return false;
        }

        var id = key[..separator];
        var presented = key[(separator + 1)..];
        if (!IsValidOwnerId(id) || presented.Length != SecretLength || !IsBase64UrlText(presented))
        {
            return false;
        }

        ownerId = id.ToString();
        secret = presented.ToString();
        return true;
    }

    private static bool IsBase64UrlText(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }
}
