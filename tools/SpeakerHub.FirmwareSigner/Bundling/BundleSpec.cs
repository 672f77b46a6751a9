using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.FirmwareSigner.Bundling;

/// <summary>
/// What the operator says about an image; the builder adds what it measures (length, SHA-256) and what
/// the key says (key id). <paramref name="Created"/> defaults to now.
/// </summary>
public sealed record BundleSpec(
    string Model,
    string Version,
    string? MinimumVersion = null,
    int ChunkSize = FirmwareManifest.DefaultChunkSize,
    string? Notes = null,
    DateTimeOffset? Created = null);
