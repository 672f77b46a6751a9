using System.Collections.Concurrent;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.Cloud.Grains.Fleet;

/// <summary>A bundle held in memory for serving chunks, with the chunk size its manifest asks for.</summary>
public sealed record CachedFirmware(string ImageId, byte[] Bundle, int ChunkSize);

/// <summary>
/// Bundles that devices on this silo are downloading, loaded once per silo from their
/// <see cref="IFirmwareImageGrain"/>: a thousand devices fetching one 1 MiB image cost one read, not
/// a thousand. Holds a few images; the least recently loaded goes first.
/// </summary>
public sealed class FirmwareImageCache(IGrainFactory grains)
{
    private const int Capacity = 8;

    private readonly ConcurrentDictionary<string, Lazy<Task<CachedFirmware?>>> images = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> loadOrder = new();

    public Task<CachedFirmware?> Get(string imageId)
    {
        var entry = images.GetOrAdd(imageId, id => new Lazy<Task<CachedFirmware?>>(() => Load(id)));
        return entry.Value;
    }

    private async Task<CachedFirmware?> Load(string imageId)
    {
        byte[]? bundle;
        try
        {
            bundle = await grains.GetFirmwareImage(imageId).GetBundle();
        }
        catch
        {
            images.TryRemove(imageId, out _);
            throw;
        }

        if (bundle is null)
        {
            // Not cached: an image uploaded a moment later must be found.
            images.TryRemove(imageId, out _);
            return null;
        }

        var manifest = new FirmwareManifest();
        var chunkSize = FirmwareBundle.ReadManifest(bundle, 0, bundle.Length, manifest) == ProtocolError.None
            ? manifest.ChunkSize
            : FirmwareManifest.DefaultChunkSize;
        loadOrder.Enqueue(imageId);
        while (loadOrder.Count > Capacity && loadOrder.TryDequeue(out var oldest))
        {
            images.TryRemove(oldest, out _);
        }

        return new CachedFirmware(imageId, bundle, chunkSize);
    }
}
