using SpeakerHub.Cloud.Abstractions.History;
using SpeakerHub.ClusterTests.Accounts;
using SpeakerHub.Protocol.Messages;
using Xunit;

namespace SpeakerHub.ClusterTests.History;

[Collection(OwnerDataClusterCollection.Name)]
public sealed class InteractionHistoryTests(OwnerDataClusterFixture fixture)
{
    [Fact]
    public async Task History_keeps_only_the_most_recent_interactions_newest_first()
    {
        var history = fixture.Client.GetHistory(HistoryRecords.NewDeviceId());
        for (uint id = 1; id <= OwnerDataClusterFixture.MaxInteractions + 2; id++)
        {
            await history.Record(HistoryRecords.Voice(id), adpcmAudio: null);
        }

        var page = await history.GetPage(IInteractionHistoryGrain.MaxPageSize, before: null);

        Assert.Equal([7u, 6u, 5u, 4u, 3u], page.Entries.Select(entry => entry.Record.InteractionId));
        Assert.Null(page.NextBefore);
    }

    [Fact]
    public async Task Pages_walk_from_newest_to_oldest_without_gaps_or_repeats()
    {
        var history = fixture.Client.GetHistory(HistoryRecords.NewDeviceId());
        for (uint id = 1; id <= 5; id++)
        {
            await history.Record(HistoryRecords.Voice(id), adpcmAudio: null);
        }

        var first = await history.GetPage(2, before: null);
        var second = await history.GetPage(2, first.NextBefore);
        var last = await history.GetPage(2, second.NextBefore);

        Assert.Equal(
            [5u, 4u, 3u, 2u, 1u],
            first.Entries.Concat(second.Entries).Concat(last.Entries).Select(entry => entry.Record.InteractionId));
        Assert.Null(last.NextBefore);
    }

    [Fact]
    public async Task A_recorded_interaction_reads_back_with_its_transcript_slots_and_timings()
    {
        var history = fixture.Client.GetHistory(HistoryRecords.NewDeviceId());
        var record = HistoryRecords.Voice(9, "set the volume to five") with
        {
            Intent = "SetVolume",
            Slots = new Dictionary<string, string> { ["level"] = "5" },
        };

        await history.Record(record, adpcmAudio: null);

        var stored = Assert.Single((await history.GetPage(10, before: null)).Entries).Record;
        Assert.Equal((record.Transcript, record.Intent, "5", record.TotalMs), (stored.Transcript, stored.Intent, stored.Slots["level"], stored.TotalMs));
    }

    [Fact]
    public async Task Audio_of_a_device_that_did_not_opt_in_is_dropped_and_never_reaches_storage()
    {
        var deviceId = HistoryRecords.NewDeviceId();
        var history = fixture.Client.GetHistory(deviceId);

        Assert.False(await history.KeepsAudio());
        await history.Record(HistoryRecords.Voice(1), HistoryRecords.Utterance(10));
        await history.SetKeepAudio(true);

        Assert.Null(await history.GetAudio(1));
        Assert.False(Assert.Single((await history.GetPage(10, before: null)).Entries).HasAudio);
        Assert.Empty(await fixture.StoredPayloadsAsync("audio", deviceId + "/"));
    }

    [Fact]
    public async Task Audio_of_a_device_that_opted_in_is_kept_as_received()
    {
        var history = fixture.Client.GetHistory(HistoryRecords.NewDeviceId());
        var utterance = HistoryRecords.Utterance(10);
        await history.SetKeepAudio(true);

        await history.Record(HistoryRecords.Voice(1), utterance);

        Assert.Equal(utterance, (await history.GetAudio(1))?.AdpcmBlocks);
        Assert.True(Assert.Single((await history.GetPage(10, before: null)).Entries).HasAudio);
    }

    [Fact]
    public async Task Opting_out_deletes_the_kept_audio_from_storage()
    {
        var deviceId = HistoryRecords.NewDeviceId();
        var history = fixture.Client.GetHistory(deviceId);
        await history.SetKeepAudio(true);
        await history.Record(HistoryRecords.Voice(1), HistoryRecords.Utterance(5));
        await history.Record(HistoryRecords.Voice(2), HistoryRecords.Utterance(5));
        Assert.Equal(2, (await fixture.StoredPayloadsAsync("audio", deviceId + "/")).Count);

        await history.SetKeepAudio(false);
        await history.SetKeepAudio(true);

        Assert.Null(await history.GetAudio(1));
        Assert.Null(await history.GetAudio(2));
        Assert.Empty(await fixture.StoredPayloadsAsync("audio", deviceId + "/"));
        Assert.All((await history.GetPage(10, before: null)).Entries, entry => Assert.False(entry.HasAudio));
    }

    [Fact]
    public async Task Only_the_newest_clips_are_kept_while_the_older_records_stay()
    {
        var deviceId = HistoryRecords.NewDeviceId();
        var history = fixture.Client.GetHistory(deviceId);
        await history.SetKeepAudio(true);
        for (uint id = 1; id <= OwnerDataClusterFixture.MaxAudioClips + 2; id++)
        {
            await history.Record(HistoryRecords.Voice(id), HistoryRecords.Utterance((int)id));
        }

        var entries = (await history.GetPage(10, before: null)).Entries;

        Assert.Equal([true, true, false, false], entries.Select(entry => entry.HasAudio));
        Assert.Null(await history.GetAudio(1));
        Assert.Equal(HistoryRecords.Utterance(4), (await history.GetAudio(4))?.AdpcmBlocks);
        Assert.Equal(HistoryRecords.Utterance(3), (await history.GetAudio(3))?.AdpcmBlocks);
        Assert.Equal(OwnerDataClusterFixture.MaxAudioClips, (await fixture.StoredPayloadsAsync("audio", deviceId + "/")).Count);
    }

    [Fact]
    public async Task A_clip_longer_than_the_limit_keeps_its_beginning_in_whole_blocks()
    {
        var history = fixture.Client.GetHistory(HistoryRecords.NewDeviceId());
        var limitFrames = OwnerDataClusterFixture.MaxAudioSeconds * 1000 / VoiceChunk.FrameMilliseconds;
        var utterance = HistoryRecords.Utterance(limitFrames + 10);
        await history.SetKeepAudio(true);

        await history.Record(HistoryRecords.Voice(1), [.. utterance, 0x01, 0x02]);

        Assert.Equal(utterance[..(limitFrames * VoiceChunk.BlockLength)], (await history.GetAudio(1))?.AdpcmBlocks);
    }

    [Fact]
    public async Task Wiping_the_history_deletes_records_and_audio_but_keeps_the_audio_choice()
    {
        var deviceId = HistoryRecords.NewDeviceId();
        var history = fixture.Client.GetHistory(deviceId);
        await history.SetKeepAudio(true);
        await history.Record(HistoryRecords.Voice(1), HistoryRecords.Utterance(5));
        var beforeWipe = (await history.GetPage(10, before: null)).Entries[0].Sequence;

        await history.Clear();

        Assert.Empty((await history.GetPage(10, before: null)).Entries);
        Assert.Empty(await fixture.StoredPayloadsAsync("audio", deviceId + "/"));
        Assert.True(await history.KeepsAudio());
        await history.Record(HistoryRecords.Voice(1), HistoryRecords.Utterance(5));
        var afterWipe = Assert.Single((await history.GetPage(10, before: null)).Entries);
        Assert.True(afterWipe.Sequence > beforeWipe);
        Assert.True(afterWipe.HasAudio);
    }

    [Fact]
    public async Task Audio_is_found_by_the_newest_interaction_with_that_id()
    {
        var history = fixture.Client.GetHistory(HistoryRecords.NewDeviceId());
        await history.SetKeepAudio(true);

        // A factory reset restarts the device's own interaction ids.
        await history.Record(HistoryRecords.Voice(1), HistoryRecords.Utterance(2));
        await history.Record(HistoryRecords.Voice(1), HistoryRecords.Utterance(3));

        Assert.Equal(HistoryRecords.Utterance(3), (await history.GetAudio(1))?.AdpcmBlocks);
    }
}
