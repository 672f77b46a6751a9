using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>
/// The server side of an update without MQTT, wired straight to a <see cref="FirmwareUpdater"/>: it is the
/// updater's uplink (every request and report goes through the real encoder and decoder and is kept) and
/// its host (a restart is only recorded; the rig reboots). Each request is answered with chunks cut at the
/// bundle's chunk size, held "in flight" until <see cref="Deliver"/> hands them to the updater, so tests
/// can drop, repeat or reorder them.
/// </summary>
internal sealed class OtaTestCloud : IOtaUplink, IUpdateHost
{
    private readonly Dictionary<string, TestBundle> _bundles = [];
    private readonly LinkedList<byte[]> _inFlight = new();

    public bool IsOnline { get; set; }

    /// <summary>The updater being served; its position is noted with every request (flow-control checks).</summary>
    public FirmwareUpdater? Device { get; set; }

    /// <summary>Every request, decoded, with the bytes the device had in flash when it asked.</summary>
    public List<(OtaRequest Request, int WrittenWhenAsked)> Requests { get; } = [];

    public List<OtaStatus> Reports { get; } = [];

    public int Restarts { get; private set; }

    public bool RestartRequested { get; set; }

    public void Serve(TestBundle bundle) => _bundles[bundle.Id] = bundle;

    public bool Request(OtaRequest request)
    {
        if (!IsOnline)
        {
            return false;
        }

        OtaRequest copy = RoundTrip(request, new OtaRequest());
        Requests.Add((copy, Device?.BytesWritten ?? -1));
        if (!_bundles.TryGetValue(copy.ImageId, out TestBundle? bundle))
        {
            _inFlight.AddLast(new OtaChunk { ImageId = copy.ImageId, Offset = 0, TotalLength = 0, Error = "unknown image" }.ToBytes()!);
            return true;
        }

        int end = Math.Min(bundle.Length, copy.Offset + copy.Length);
        for (int offset = copy.Offset; offset < end; offset += bundle.ChunkSize)
        {
            int count = Math.Min(bundle.ChunkSize, end - offset);
            OtaChunk chunk = new()
            {
                ImageId = bundle.Id,
                Offset = offset,
                TotalLength = bundle.Length,
                DataBuffer = bundle.Bytes,
                DataOffset = offset,
                DataLength = count,
                Flags = offset + count == bundle.Length ? Envelope.FlagFinal : (byte)0,
            };
            _inFlight.AddLast(chunk.ToBytes() ?? throw new InvalidOperationException("chunk did not encode"));
        }

        return true;
    }

    public void Report(OtaStatus status, bool keepWhileOffline) => Reports.Add(RoundTrip(status, new OtaStatus()));

    public void Restart()
    {
        Restarts++;
        RestartRequested = true;
    }

    /// <summary>What was asked for but not delivered is lost with the session.</summary>
    public void DropInFlight() => _inFlight.Clear();

    /// <summary>
    /// Hands in-flight chunks to the updater, oldest first, including those its requests add meanwhile.
    /// <paramref name="keepGoing"/> is asked before each one (a power cut, a restart stop the device).
    /// <paramref name="arrange"/> may drop, repeat or reorder: it gets the chunk about to go and returns what to deliver.
    /// </summary>
    public int Deliver(long nowMs, Func<bool>? keepGoing = null, Func<OtaChunk, IEnumerable<OtaChunk>>? arrange = null, int max = int.MaxValue)
    {
        FirmwareUpdater device = Device ?? throw new InvalidOperationException("no device attached");
        int delivered = 0;
        while (_inFlight.Count > 0 && delivered < max && !RestartRequested && (keepGoing is null || keepGoing()))
        {
            byte[] bytes = _inFlight.First!.Value;
            _inFlight.RemoveFirst();
            OtaChunk chunk = Decode(bytes);
            IEnumerable<OtaChunk> arranged = arrange is null ? [chunk] : arrange(chunk);
            foreach (OtaChunk piece in arranged)
            {
                device.OnChunk(piece, nowMs);
            }

            delivered++;
        }

        return delivered;
    }

    public List<OtaStatus> ReportsFor(string imageId) => [.. Reports.Where(r => r.ImageId == imageId)];

    public List<byte> StatesFor(string imageId) => [.. ReportsFor(imageId).Select(r => r.State)];

    public OtaStatus? LastTerminal(string imageId) =>
        ReportsFor(imageId).LastOrDefault(r => r.State is not (OtaStatus.StateDownloading or OtaStatus.StateVerifying));

    public static OtaChunk Decode(byte[] bytes)
    {
        OtaChunk chunk = new();
        Assert.Equal(ProtocolError.None, chunk.ReadFrom(bytes, 0, bytes.Length));
        return chunk;
    }

    private static T RoundTrip<T>(Message message, T into)
        where T : Message
    {
        byte[] bytes = message.ToBytes() ?? throw new InvalidOperationException($"the device sent a {typeof(T).Name} that does not encode");
        Assert.Equal(ProtocolError.None, into.ReadFrom(bytes, 0, bytes.Length));
        return into;
    }
}
