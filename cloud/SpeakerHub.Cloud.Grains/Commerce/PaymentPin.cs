using System.Security.Cryptography;
using System.Text;

namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>
/// The spoken payment PIN: four digits, kept only as a salted PBKDF2-SHA256 hash and compared in
/// constant time. Four digits are few, so the hash alone would not stop a thief with the table; the
/// lock after a few wrong tries is what protects a live wallet.
/// </summary>
public static class PaymentPin
{
    public const int Length = 4;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static bool IsWellFormed(string? pin) => pin is { Length: Length } && pin.All(char.IsAsciiDigit);

    public static StoredPin Hash(string pin, int iterations)
    {
        if (!IsWellFormed(pin))
        {
            throw new ArgumentException($"A payment PIN is exactly {Length} digits.", nameof(pin));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new StoredPin(salt, Derive(pin, salt, iterations), iterations);
    }

    public static bool Matches(StoredPin stored, string? pin)
    {
        // A malformed PIN still costs one derivation, so timing does not tell it apart from a wrong one.
        var derived = Derive(IsWellFormed(pin) ? pin! : "----", stored.Salt, stored.Iterations);
        return CryptographicOperations.FixedTimeEquals(derived, stored.Hash) && IsWellFormed(pin);
    }

    private static byte[] Derive(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}

/// <summary>A PIN as stored: salt, derived hash and the rounds used (so raising the rounds later keeps old PINs working).</summary>
[GenerateSerializer, Immutable, Alias("SpeakerHub.StoredPin")]
public sealed record StoredPin([property: Id(0)] byte[] Salt, [property: Id(1)] byte[] Hash, [property: Id(2)] int Iterations);
