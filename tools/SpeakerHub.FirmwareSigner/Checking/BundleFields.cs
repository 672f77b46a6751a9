using System.Globalization;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.FirmwareSigner.Checking;

/// <summary>A bundle's manifest as the lines every command prints, in one order, so outputs compare at a glance.</summary>
public static class BundleFields
{
    public static IReadOnlyList<(string Name, string Value)> Of(FirmwareBundleInfo info) =>
    [
        ("image id", info.ImageId),
        ("model", info.Model),
        ("version", info.Version),
        ("min version", info.MinimumVersion ?? "none"),
        ("image size", Bytes(info.ImageLength)),
        ("chunks", string.Create(CultureInfo.InvariantCulture, $"{info.ChunkCount:N0} of {info.ChunkSize:N0} bytes")),
        ("image SHA-256", info.ImageSha256Hex),
        ("key id", info.KeyIdHex),
        ("created", info.Created?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "not recorded"),
        ("notes", info.Notes ?? "none"),
        ("bundle size", Bytes(info.BundleLength)),
    ];

    private static string Bytes(int count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
