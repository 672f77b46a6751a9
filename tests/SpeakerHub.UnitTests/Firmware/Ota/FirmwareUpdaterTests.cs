using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware.Ota;

/// <summary>The device half of an update, driven directly: offer, download, verify, stage, trial boot, confirm or roll back.</summary>
public sealed class FirmwareUpdaterTests
{
    private static readonly TestBundle Old = TestBundles.Build("1.0.0");
    private static readonly TestBundle Next = TestBundles.Build("1.1.0");

    [Fact]
    public void A_signed_image_downloads_into_the_inactive_slot_and_boots_on_trial_then_confirms_once_healthy()
    {
        OtaRig rig = NewRig();
        Assert.True(rig.PowerOn());
        Assert.Equal(new BootOutcome(0, Old.Length, BootReason.Confirmed), rig.LastBoot);
        rig.GoOnline();

        rig.Offer(Next.Id);
        Assert.Equal(UpdateRecord.PhaseDownloading, rig.Updater.Phase);
        rig.Pump();

        List<byte> states = rig.Cloud.StatesFor(Next.Id);
        Assert.Equal(OtaStatus.StateDownloading, states[0]);
        Assert.Equal([OtaStatus.StateVerifying, OtaStatus.StateStaged], states[^2..]);
        Assert.All(rig.Cloud.ReportsFor(Next.Id), r => Assert.Equal("1.0.0", r.RunningVersion));
        OtaStatus staged = rig.Cloud.ReportsFor(Next.Id)[^1];
        Assert.Equal(Next.Length, staged.TotalLength);
        Assert.Equal(Next.Length, staged.BytesDone);
        Assert.Equal(UpdateRecord.PhaseStaged, rig.Updater.Phase);
        Assert.Equal(1, rig.Slots.PendingSlot);
        Assert.Equal(Next.Bytes, rig.SlotBytes(1, Next.Length));
        Assert.Equal(Old.Bytes, rig.SlotBytes(0, Old.Length));

        // The staged report gets its moment to leave before the restart.
        rig.Tick(rig.Options.RestartDelayMs - OtaRig.StepMs);
        Assert.Equal(0, rig.Cloud.Restarts);
        rig.Tick(OtaRig.StepMs);
        Assert.Equal(1, rig.Cloud.Restarts);

        Assert.True(rig.PowerOn());
        Assert.Equal(new BootOutcome(1, Next.Length, BootReason.Trial), rig.LastBoot);
        Assert.Equal("1.1.0", rig.RunningVersion);
        Assert.True(rig.Updater.OnTrial);
        Assert.True(rig.Updater.IsBusy);
        rig.GoOnline();

        rig.Tick(rig.Options.HealthyAfterMs - OtaRig.StepMs);
        Assert.True(rig.Updater.OnTrial);
        Assert.NotEqual(OtaStatus.StateInstalled, rig.Cloud.StatesFor(Next.Id)[^1]);
        rig.Tick(OtaRig.StepMs);

        OtaStatus installed = rig.Cloud.ReportsFor(Next.Id)[^1];
        Assert.Equal(OtaStatus.StateInstalled, installed.State);
        Assert.Equal("1.1.0", installed.RunningVersion);
        Assert.False(rig.Updater.IsBusy);
        Assert.Equal(Next.Id, rig.Updater.ImageId);
        Assert.Equal(-1, rig.Slots.PendingSlot);
        Assert.Equal(1, rig.Cloud.Restarts);

        Assert.Equal(new BootOutcome(1, Next.Length, BootReason.Confirmed), rig.BootAgain());
        Assert.False(rig.Updater.IsBusy);

        // The twin still names the image: it is reported installed, not fetched again.
        int requests = rig.Cloud.Requests.Count;
        rig.GoOnline();
        rig.Offer(Next.Id);
        Assert.Equal(OtaStatus.StateInstalled, rig.Cloud.ReportsFor(Next.Id)[^1].State);
        Assert.Equal(requests, rig.Cloud.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_image_that_never_confirms_restarts_until_the_loader_gives_up_and_is_then_refused(bool connectsButDropsEachTime)
    {
        OtaRig rig = NewRig();
        StageNext(rig);
        rig.Tick(rig.Options.RestartDelayMs);
        Assert.Equal(1, rig.Cloud.Restarts);

        for (int trial = 1; trial <= FlashFirmwareSlots.DefaultBootTrials; trial++)
        {
            Assert.True(rig.PowerOn());
            Assert.Equal(new BootOutcome(1, Next.Length, BootReason.Trial), rig.LastBoot);
            Assert.True(rig.Updater.OnTrial);
            if (connectsButDropsEachTime)
            {
                rig.GoOnline();
                rig.Tick(rig.Options.HealthyAfterMs - OtaRig.StepMs);
                rig.GoOffline();
            }

            rig.Tick(rig.Options.TrialDeadlineMs);
            Assert.True(rig.Cloud.RestartRequested, $"trial {trial}: no restart at the deadline");
            Assert.Equal(1 + trial, rig.Cloud.Restarts);
            Assert.Equal(1, rig.Slots.PendingSlot);
        }

        Assert.True(rig.PowerOn());
        Assert.Equal(new BootOutcome(0, Old.Length, BootReason.TrialsExhausted), rig.LastBoot);
        Assert.Equal("1.0.0", rig.RunningVersion);
        OtaStatus rolledBack = rig.Cloud.ReportsFor(Next.Id)[^1];
        Assert.Equal(OtaStatus.StateRolledBack, rolledBack.State);
        Assert.Equal(OtaStatus.ReasonHealthNotConfirmed, rolledBack.Reason);
        Assert.Equal("1.0.0", rolledBack.RunningVersion);
        Assert.False(rig.Updater.IsBusy);

        // The twin still offers it: the remembered refusal answers, nothing is downloaded.
        rig.GoOnline();
        int requests = rig.Cloud.Requests.Count;
        int reports = rig.Cloud.Reports.Count;
        rig.Offer(Next.Id);
        Assert.Equal(requests, rig.Cloud.Requests.Count);
        Assert.Equal(reports + 1, rig.Cloud.Reports.Count);
        Assert.Equal(OtaStatus.StateRolledBack, rig.Cloud.Reports[^1].State);
        Assert.Equal(OtaStatus.ReasonHealthNotConfirmed, rig.Cloud.Reports[^1].Reason);
        Assert.False(rig.Updater.IsBusy);
        Assert.Equal(new BootOutcome(0, Old.Length, BootReason.Confirmed), rig.BootAgain());
    }

    public static TheoryData<string, byte> Refusals() => new()
    {
        { "image byte", OtaStatus.ReasonHashMismatch },
        { "signature byte", OtaStatus.ReasonBadSignature },
        { "manifest byte", OtaStatus.ReasonBadSignature },
        { "untrusted key", OtaStatus.ReasonUntrustedKey },
        { "wrong model", OtaStatus.ReasonWrongModel },
        { "larger than a slot", OtaStatus.ReasonTooLarge },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_bad_or_unsuitable_bundle_is_refused_with_its_reason_and_nothing_is_staged(string fault, byte reason)
    {
        TestBundle bundle = fault switch
        {
            "image byte" => Next.WithByteFlipped(Next.HeaderLength + (Next.Length - Next.HeaderLength) / 2),
            "signature byte" => Next.WithByteFlipped(Next.HeaderLength - 10),
            "manifest byte" => Next.WithByteFlipped(IndexOf(Next.Bytes, "test build"u8)),
            "untrusted key" => TestBundles.Build("1.1.0", signingKey: TestBundles.UntrustedKey),
            "wrong model" => TestBundles.Build("1.1.0", model: "other-speaker"),
            "larger than a slot" => TestBundles.Build("1.1.0", imageLength: OtaRig.Layout.SlotCapacity + 1000),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        OtaRig rig = NewRig();
        rig.Cloud.Serve(bundle);
        Assert.True(rig.PowerOn());
        rig.GoOnline();

        rig.Offer(bundle.Id);
        rig.Run(30_000);

        OtaStatus refused = rig.Cloud.LastTerminal(bundle.Id)!;
        Assert.Equal(OtaStatus.StateFailed, refused.State);
        Assert.Equal(reason, refused.Reason);
        Assert.NotNull(refused.Detail);
        Assert.DoesNotContain(OtaStatus.StateStaged, rig.Cloud.StatesFor(bundle.Id));
        Assert.False(rig.Updater.IsBusy);
        Assert.Equal(-1, rig.Slots.PendingSlot);
        Assert.Equal(0, rig.Cloud.Restarts);

        // Refused once, refused from memory: the offer that stays in the twin costs no second download.
        int requests = rig.Cloud.Requests.Count;
        rig.Offer(bundle.Id);
        Assert.Equal(requests, rig.Cloud.Requests.Count);
        Assert.Equal(OtaStatus.StateFailed, rig.Cloud.Reports[^1].State);
        Assert.Equal(reason, rig.Cloud.Reports[^1].Reason);

        Assert.Equal(new BootOutcome(0, Old.Length, BootReason.Confirmed), rig.BootAgain());
        Assert.False(rig.Updater.IsBusy);
    }

    [Fact]
    public void An_image_below_the_floor_a_confirmed_update_set_is_refused_as_a_downgrade()
    {
        TestBundle two = TestBundles.Build("2.0.0", minimumVersion: "2.0.0");
        TestBundle older = TestBundles.Build("1.5.0");
        OtaRig rig = NewRig();
        rig.Cloud.Serve(two);
        rig.Cloud.Serve(older);
        Assert.True(rig.PowerOn());
        Assert.Null(rig.Updater.Floor);
        rig.GoOnline();

        rig.Offer(two.Id);
        rig.Run(60_000, () => rig.IsInstalled(two));
        Assert.True(rig.IsInstalled(two));
        Assert.Equal("2.0.0", rig.Updater.Floor);

        rig.Offer(older.Id);
        rig.Run(30_000);
        OtaStatus refused = rig.Cloud.LastTerminal(older.Id)!;
        Assert.Equal(OtaStatus.StateFailed, refused.State);
        Assert.Equal(OtaStatus.ReasonDowngrade, refused.Reason);
        Assert.Equal(-1, rig.Slots.PendingSlot);

        // The floor is in flash: it holds across a restart.
        Assert.Equal(new BootOutcome(1, two.Length, BootReason.Confirmed), rig.BootAgain());
        Assert.Equal("2.0.0", rig.Updater.Floor);
    }

    [Fact]
    public void A_second_offer_during_a_download_is_refused_as_busy_and_the_first_carries_on()
    {
        TestBundle other = TestBundles.Build("1.2.0");
        OtaRig rig = NewRig();
        rig.Cloud.Serve(other);
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(Next.Id);
        rig.Pump(max: 3);

        rig.Offer(other.Id);

        OtaStatus busy = rig.Cloud.LastTerminal(other.Id)!;
        Assert.Equal(OtaStatus.StateFailed, busy.State);
        Assert.Equal(OtaStatus.ReasonBusy, busy.Reason);
        Assert.Equal(Next.Id, rig.Updater.ImageId);
        Assert.Equal(UpdateRecord.PhaseDownloading, rig.Updater.Phase);

        rig.Pump();
        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(Next.Id)[^1]);
        Assert.DoesNotContain(rig.Cloud.Requests, r => r.Request.ImageId == other.Id);
    }

    [Fact]
    public void An_offer_that_came_during_a_download_is_taken_up_once_that_update_is_installed()
    {
        TestBundle other = TestBundles.Build("1.2.0");
        OtaRig rig = NewRig();
        rig.Cloud.Serve(other);
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(Next.Id);
        rig.Pump(max: 3);
        rig.Offer(other.Id);
        rig.Pump();
        rig.Tick(rig.Options.RestartDelayMs);

        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Tick(rig.Options.HealthyAfterMs);
        Assert.Equal(OtaStatus.StateInstalled, rig.Cloud.StatesFor(Next.Id)[^1]);
        rig.Pump();

        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(other.Id)[^1]);
    }

    [Fact]
    public void An_image_the_cloud_would_not_serve_is_fetched_again_when_offered_again()
    {
        OtaRig rig = NewRig();
        TestBundle withdrawn = TestBundles.Build("1.3.0");
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(withdrawn.Id);
        rig.Pump();
        Assert.Equal(OtaStatus.ReasonUnavailable, rig.Cloud.LastTerminal(withdrawn.Id)!.Reason);

        rig.Cloud.Serve(withdrawn);
        rig.Offer(withdrawn.Id);
        rig.Pump();

        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(withdrawn.Id)[^1]);
    }

    [Fact]
    public void An_offer_withdrawn_during_the_download_is_cancelled_and_can_be_made_again_later()
    {
        OtaRig rig = NewRig();
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(Next.Id);
        rig.Pump(max: 3);
        int written = rig.Updater.BytesWritten;
        Assert.True(written > 0);

        rig.Offer(string.Empty);

        Assert.Equal(OtaStatus.StateCancelled, rig.Cloud.StatesFor(Next.Id)[^1]);
        Assert.False(rig.Updater.IsBusy);
        rig.Pump();
        rig.Run(10_000);
        Assert.Equal(written, rig.Updater.BytesWritten);
        Assert.Equal(-1, rig.Slots.PendingSlot);
        Assert.Equal(0, rig.Cloud.Restarts);
        Assert.DoesNotContain(OtaStatus.StateStaged, rig.Cloud.StatesFor(Next.Id));

        // Cancelled is not refused: offered again, it downloads afresh from the start.
        int requests = rig.Cloud.Requests.Count;
        rig.Offer(Next.Id);
        Assert.Equal(0, rig.Cloud.Requests[requests].Request.Offset);
        rig.Pump();
        Assert.Equal(OtaStatus.StateStaged, rig.Cloud.StatesFor(Next.Id)[^1]);
    }

    [Fact]
    public void An_image_the_cloud_cannot_serve_fails_as_unavailable_without_being_remembered()
    {
        OtaRig rig = NewRig();
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer("fw-0123456789abcdef");
        rig.Pump();

        OtaStatus failed = rig.Cloud.LastTerminal("fw-0123456789abcdef")!;
        Assert.Equal(OtaStatus.StateFailed, failed.State);
        Assert.Equal(OtaStatus.ReasonUnavailable, failed.Reason);
        Assert.False(rig.Updater.IsBusy);
    }

    private static OtaRig NewRig(FirmwareUpdateOptions? options = null)
    {
        OtaRig rig = new(Old, options);
        rig.Cloud.Serve(Next);
        return rig;
    }

    private static void StageNext(OtaRig rig)
    {
        Assert.True(rig.PowerOn());
        rig.GoOnline();
        rig.Offer(Next.Id);
        rig.Pump();
        Assert.Equal(UpdateRecord.PhaseStaged, rig.Updater.Phase);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        int index = haystack.AsSpan().IndexOf(needle);
        Assert.True(index > 0);
        return index;
    }
}
