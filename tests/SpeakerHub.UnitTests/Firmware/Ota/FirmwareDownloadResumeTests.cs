using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>A download survives what networks and devices do: lost, repeated and reordered chunks, silence, disconnects, restarts.</summary>
public sealed class FirmwareDownloadResumeTests
{
    private static readonly TestBundle Old = TestBundles.Build("1.0.0");
    private static readonly TestBundle Next = TestBundles.Build("1.1.0");

    [Fact]
    public void A_lost_chunk_is_asked_for_again_after_the_stall_and_the_download_completes()
    {
        OtaRig rig = Downloading();
        int lostOffset = 3 * Next.ChunkSize;
        bool dropped = false;
        rig.Pump(chunk =>
        {
            if (chunk.Offset == lostOffset && !dropped)
            {
                dropped = true;
                return [];
            }

            return [chunk];
        });

        Assert.True(dropped);
        Assert.Equal(lostOffset, rig.Updater.BytesWritten);
        Assert.Equal(UpdateRecord.PhaseDownloading, rig.Updater.Phase);
        int requests = rig.Cloud.Requests.Count;

        rig.Tick(rig.Options.StallMs - OtaRig.StepMs);
        Assert.Equal(requests, rig.Cloud.Requests.Count);
        rig.Tick(OtaRig.StepMs);
        Assert.Equal(lostOffset, rig.Cloud.Requests[requests].Request.Offset);

        rig.Pump();
        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(Next.Id)[^1]);
        Assert.Equal(Next.Bytes, rig.SlotBytes(1, Next.Length));
        AssertWindowKept(rig);
    }

    [Fact]
    public void A_download_interrupted_by_going_offline_resumes_from_flash_when_back_online()
    {
        OtaRig rig = Downloading();
        rig.Pump(max: 5);
        int written = rig.Updater.BytesWritten;
        Assert.Equal(5 * Next.ChunkSize, written);

        rig.GoOffline();
        int requests = rig.Cloud.Requests.Count;
        rig.Tick(3 * rig.Options.StallMs);
        Assert.Equal(requests, rig.Cloud.Requests.Count);
        Assert.Equal(UpdateRecord.PhaseDownloading, rig.Updater.Phase);

        rig.GoOnline();
        Assert.Equal(written, rig.Cloud.Requests[requests].Request.Offset);
        Assert.Equal(OtaStatus.StateDownloading, rig.Cloud.StatesFor(Next.Id)[^1]);
        rig.Pump();

        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(Next.Id)[^1]);
        Assert.Equal(Next.Bytes, rig.SlotBytes(1, Next.Length));
        AssertWindowKept(rig);
    }

    [Fact]
    public void A_stalled_download_asks_again_from_what_flash_holds()
    {
        OtaRig rig = Downloading();
        rig.Pump(max: 2);
        rig.Cloud.DropInFlight();
        int requests = rig.Cloud.Requests.Count;

        rig.Tick(rig.Options.StallMs - OtaRig.StepMs);
        Assert.Equal(requests, rig.Cloud.Requests.Count);
        rig.Tick(OtaRig.StepMs);
        Assert.Equal(requests + 1, rig.Cloud.Requests.Count);
        Assert.Equal(rig.Updater.BytesWritten, rig.Cloud.Requests[^1].Request.Offset);

        // Still nothing: it keeps asking, once per stall period.
        rig.Cloud.DropInFlight();
        rig.Tick(rig.Options.StallMs);
        Assert.Equal(requests + 2, rig.Cloud.Requests.Count);

        rig.Pump();
        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(Next.Id)[^1]);
    }

    [Fact]
    public void Duplicate_and_out_of_order_chunks_are_ignored_and_the_image_still_arrives_whole()
    {
        OtaRig rig = Downloading();
        OtaChunk? held = null;

        // Every chunk twice, and every pair swapped: the later one of a pair arrives first and is dropped.
        rig.Run(
            120_000,
            () => rig.Updater.Phase == UpdateRecord.PhaseStaged,
            chunk =>
            {
                if (held is null)
                {
                    held = chunk;
                    return [];
                }

                OtaChunk first = held;
                held = null;
                return [chunk, chunk, first, first];
            });

        Assert.Equal(UpdateRecord.PhaseStaged, rig.Updater.Phase);
        Assert.Equal(Next.Bytes, rig.SlotBytes(1, Next.Length));
        Assert.DoesNotContain(OtaStatus.StateFailed, rig.Cloud.StatesFor(Next.Id));
        AssertWindowKept(rig);
    }

    [Fact]
    public void A_restart_mid_download_resumes_from_the_last_checkpoint_and_completes_a_valid_image()
    {
        OtaRig rig = Downloading();
        rig.Pump(max: 9);
        Assert.Equal(9 * Next.ChunkSize, rig.Updater.BytesWritten);
        int checkpoint = 9 * Next.ChunkSize / rig.Options.CheckpointBytes * rig.Options.CheckpointBytes;

        // Reset (watchdog, power): only flash survives.
        Assert.True(rig.PowerOn());
        Assert.Equal(BootReason.Confirmed, rig.LastBoot.Reason);
        Assert.Equal(UpdateRecord.PhaseDownloading, rig.Updater.Phase);
        Assert.Equal(Next.Id, rig.Updater.ImageId);
        Assert.Equal(checkpoint, rig.Updater.BytesWritten);

        int requests = rig.Cloud.Requests.Count;
        rig.GoOnline();
        Assert.Equal(checkpoint, rig.Cloud.Requests[requests].Request.Offset);
        rig.Pump();

        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(Next.Id)[^1]);
        Assert.Equal(Next.Bytes, rig.SlotBytes(1, Next.Length));
        Assert.DoesNotContain(rig.Cloud.Requests.Skip(requests), r => r.Request.Offset < checkpoint);

        rig.Run(60_000, () => rig.IsInstalled(Next));
        Assert.True(rig.IsInstalled(Next));
        Assert.Equal(new BootOutcome(1, Next.Length, BootReason.Confirmed), rig.BootAgain());
    }

    [Theory]
    [InlineData(4096, 1024)]
    [InlineData(3000, 1024)]
    [InlineData(8192, 2048)]
    [InlineData(2048, 4096)]
    public void The_updater_never_asks_for_more_than_its_window_beyond_what_is_in_flash(int windowBytes, int chunkSize)
    {
        TestBundle bundle = TestBundles.Build("1.1.0", chunkSize: chunkSize);
        FirmwareUpdateOptions options = OtaRig.SmallOptions();
        options.WindowBytes = windowBytes;
        OtaRig rig = NewRig(options);
        rig.Cloud.Serve(bundle);
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(bundle.Id);

        // Some chunks go missing along the way, so re-requests after stalls are in the mix.
        int seen = 0;
        rig.Run(120_000, () => rig.Updater.Phase == UpdateRecord.PhaseStaged, chunk => ++seen % 7 == 0 ? [] : [chunk]);

        Assert.Equal(UpdateRecord.PhaseStaged, rig.Updater.Phase);
        Assert.True(rig.Cloud.Requests.Count > 1);
        AssertWindowKept(rig);
        Assert.Equal(bundle.Bytes, rig.SlotBytes(1, bundle.Length));
    }

    /// <summary>Powered on, online, and the offer made: the first window is in flight.</summary>
    private static OtaRig Downloading()
    {
        OtaRig rig = NewRig();
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(Next.Id);
        return rig;
    }

    private static OtaRig NewRig(FirmwareUpdateOptions? options = null)
    {
        OtaRig rig = new(Old, options);
        rig.Cloud.Serve(Next);
        return rig;
    }

    private static void AssertWindowKept(OtaRig rig)
    {
        foreach ((OtaRequest request, int written) in rig.Cloud.Requests)
        {
            Assert.True(request.Offset >= written, $"asked again for {request.Offset} with {written} bytes already in flash");
            Assert.True(
                request.Offset + request.Length - written <= rig.Options.WindowBytes,
                $"asked up to {request.Offset + request.Length} with only {written} bytes in flash (window {rig.Options.WindowBytes})");
        }
    }
}
