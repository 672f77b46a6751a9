using System.Text;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.Firmware.Host.Hardware.Flash;

/// <summary>
/// The app image the host simulator "runs". A real image is the app's PE bundle; a simulated speaker only
/// needs to know which version booted and whether that build is good, so the image says so in a short
/// ASCII header and fills the rest with bytes that look like code:
/// <code>
/// SPEAKERHUB-SIMULATED-APP\n
/// version=1.4.2\n
/// health=ok\n            (or "never": the build never confirms its health after an update, like a bad one)
/// \n
/// filler                 (pseudo-random, seeded from the version: the same version always gives the same image)
/// </code>
/// The filler makes images the size of real ones, so OTA transfers, chunking and flash writes are exercised
/// at realistic sizes, and two versions never hash alike.
/// </summary>
public sealed class SimulatedAppImage
{
    public const string Magic = "SPEAKERHUB-SIMULATED-APP";
    public const int DefaultSize = 64 * 1024;

    private const string VersionKey = "version=";
    private const string HealthKey = "health=";
    private const string HealthOk = "ok";
    private const string HealthNever = "never";

    /// <summary>The longest header: magic, longest version, longest health, four newlines.</summary>
    private static readonly int MaxHeaderLength =
        Magic.Length + VersionKey.Length + FirmwareVersion.MaxLength + HealthKey.Length + HealthNever.Length + 4;

    private SimulatedAppImage(string version, bool neverHealthy)
    {
        Version = version;
        NeverHealthy = neverHealthy;
    }

    public string Version { get; }

    /// <summary>The app never reports itself healthy, so the loader rolls it back after its trial boots.</summary>
    public bool NeverHealthy { get; }

    /// <summary>The bytes <see cref="Create"/> puts before the filler.</summary>
    public static int HeaderLength(string version, bool neverHealthy) => Header(version, neverHealthy).Length;

    /// <summary>An image of exactly <paramref name="size"/> bytes; the same arguments always give the same bytes.</summary>
    public static byte[] Create(string version, int size, bool neverHealthy)
    {
        if (!FirmwareVersion.IsValid(version))
        {
            throw new ArgumentException($"\"{version}\" is not a firmware version (major.minor.patch, e.g. 1.4.2).", nameof(version));
        }

        byte[] header = Header(version, neverHealthy);
        if (size < header.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A simulated app image of version {version} needs at least {header.Length} bytes for its header.");
        }

        byte[] image = new byte[size];
        header.CopyTo(image, 0);
        Fill(image.AsSpan(header.Length), SeedOf(version));
        return image;
    }

    /// <summary>What a simulated image says about itself, or null when the bytes are not one.</summary>
    public static SimulatedAppImage? Parse(ReadOnlySpan<byte> image)
    {
        ReadOnlySpan<byte> rest = image[..Math.Min(image.Length, MaxHeaderLength)];
        if (!TakeLine(ref rest, out string magic) || magic != Magic
            || !TakeLine(ref rest, out string version) || !version.StartsWith(VersionKey, StringComparison.Ordinal)
            || !TakeLine(ref rest, out string health) || !health.StartsWith(HealthKey, StringComparison.Ordinal)
            || !TakeLine(ref rest, out string blank) || blank.Length != 0)
        {
            return null;
        }

        version = version[VersionKey.Length..];
        health = health[HealthKey.Length..];
        if (!FirmwareVersion.IsValid(version) || (health != HealthOk && health != HealthNever))
        {
            return null;
        }

        return new SimulatedAppImage(version, health == HealthNever);
    }

    private static byte[] Header(string version, bool neverHealthy) =>
        Encoding.ASCII.GetBytes($"{Magic}\n{VersionKey}{version}\n{HealthKey}{(neverHealthy ? HealthNever : HealthOk)}\n\n");

    /// <summary>One printable-ASCII line ended by '\n'; false when there is none.</summary>
    private static bool TakeLine(ref ReadOnlySpan<byte> rest, out string line)
    {
        line = string.Empty;
        int end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            return false;
        }

        foreach (byte value in rest[..end])
        {
            if (value is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        line = Encoding.ASCII.GetString(rest[..end]);
        rest = rest[(end + 1)..];
        return true;
    }

    /// <summary>FNV-1a over the version text: a stable seed on every platform (string.GetHashCode is not).</summary>
    private static ulong SeedOf(string version)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (char c in version)
        {
            hash = (hash ^ c) * 0x100000001B3;
        }

        return hash;
    }

    /// <summary>SplitMix64: a fixed, documented generator, so images stay byte-identical across .NET versions.</summary>
    private static void Fill(Span<byte> target, ulong state)
    {
        Span<byte> word = stackalloc byte[sizeof(ulong)];
        for (int offset = 0; offset < target.Length; offset += word.Length)
        {
            state += 0x9E3779B97F4A7C15;
            ulong value = state;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
            value ^= value >> 31;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(word, value);
            word[..Math.Min(word.Length, target.Length - offset)].CopyTo(target[offset..]);
        }
    }
}
