using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using SpeakerHub.Cloud.Grains.Storage.Reminders;
using Xunit;

namespace SpeakerHub.ClusterTests.Storage.Reminders;

/// <summary>
/// The table's contract with Orleans' reminder service, against a real SQLite file. Every test works under
/// its own service id, which keeps tests apart on the shared file the same way clusters are kept apart.
/// </summary>
public sealed class RelationalReminderTableTests : IClassFixture<TemporarySqliteDatabase>, IDisposable
{
    private readonly TemporarySqliteDatabase database;
    private readonly List<RelationalReminderTable> tables = [];

    public RelationalReminderTableTests(TemporarySqliteDatabase database) => this.database = database;

    [Fact]
    public async Task An_upserted_reminder_reads_back_exactly_with_the_etag_the_upsert_returned()
    {
        var table = NewTable();
        var reminder = NewReminder(NewGrainId(), "water-plants");

        var etag = await table.UpsertRow(reminder);
        var read = await table.ReadRow(reminder.GrainId, reminder.ReminderName);

        Assert.NotNull(etag);
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(reminder.GrainId, read.GrainId);
        Assert.Equal(reminder.ReminderName, read.ReminderName);
        Assert.Equal(reminder.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(reminder.Period, read.Period);
    }

    [Fact]
    public async Task Reading_a_reminder_that_was_never_registered_returns_null()
    {
        Assert.Null(await NewTable().ReadRow(NewGrainId(), "never-registered"));
    }

    [Fact]
    public async Task Upserting_again_replaces_the_schedule_and_issues_a_new_etag()
    {
        var table = NewTable();
        var reminder = NewReminder(NewGrainId(), "nightly-update");
        var firstEtag = await table.UpsertRow(reminder);
        var rescheduled = NewReminder(reminder.GrainId, reminder.ReminderName, period: TimeSpan.FromHours(6));

        var secondEtag = await table.UpsertRow(rescheduled);
        var read = await table.ReadRow(reminder.GrainId, reminder.ReminderName);

        Assert.NotEqual(firstEtag, secondEtag);
        Assert.Equal(secondEtag, read?.ETag);
        Assert.Equal(TimeSpan.FromHours(6), read?.Period);
        Assert.Single((await table.ReadRows(reminder.GrainId)).Reminders);
    }

    [Fact]
    public async Task Reading_a_grains_rows_returns_all_its_reminders_and_none_of_another_grains()
    {
        var table = NewTable();
        var grain = NewGrainId();
        await table.UpsertRow(NewReminder(grain, "alarm"));
        await table.UpsertRow(NewReminder(grain, "timer"));
        await table.UpsertRow(NewReminder(NewGrainId(), "alarm"));

        var rows = await table.ReadRows(grain);

        Assert.Equal(new[] { "alarm", "timer" }, rows.Reminders.Select(row => row.ReminderName).Order());
        Assert.All(rows.Reminders, row => Assert.Equal(grain, row.GrainId));
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_is_refused_and_the_reminder_stays()
    {
        var table = NewTable();
        var reminder = NewReminder(NewGrainId(), "rollout-wave");
        var staleEtag = await table.UpsertRow(reminder);
        var currentEtag = await table.UpsertRow(reminder);

        var removed = await table.RemoveRow(reminder.GrainId, reminder.ReminderName, staleEtag!);

        Assert.False(removed);
        Assert.Equal(currentEtag, (await table.ReadRow(reminder.GrainId, reminder.ReminderName))?.ETag);
    }

    [Fact]
    public async Task Removing_with_the_current_etag_deletes_the_reminder_once()
    {
        var table = NewTable();
        var reminder = NewReminder(NewGrainId(), "rollout-wave");
        var etag = await table.UpsertRow(reminder);

        var first = await table.RemoveRow(reminder.GrainId, reminder.ReminderName, etag!);
        var second = await table.RemoveRow(reminder.GrainId, reminder.ReminderName, etag!);

        Assert.True(first);
        Assert.False(second);
        Assert.Null(await table.ReadRow(reminder.GrainId, reminder.ReminderName));
        Assert.False(await table.RemoveRow(reminder.GrainId, "no-such-reminder", etag!));
    }

    [Fact]
    public async Task An_etag_from_before_a_removal_cannot_remove_the_reminder_registered_again()
    {
        var table = NewTable();
        var reminder = NewReminder(NewGrainId(), "daily-briefing");
        var oldEtag = await table.UpsertRow(reminder);
        await table.RemoveRow(reminder.GrainId, reminder.ReminderName, oldEtag!);
        await table.UpsertRow(reminder);

        Assert.False(await table.RemoveRow(reminder.GrainId, reminder.ReminderName, oldEtag!));
        Assert.NotNull(await table.ReadRow(reminder.GrainId, reminder.ReminderName));
    }

    [Fact]
    public async Task A_hash_range_returns_the_reminders_above_its_start_up_to_and_including_its_end()
    {
        var table = NewTable();
        var hashes = await UpsertManyAsync(table, count: 60);
        var (begin, end) = (hashes[10], hashes[40]);

        var returned = await ReadHashesAsync(table, begin, end);

        Assert.Equal(hashes.Where(hash => hash > begin && hash <= end), returned);
        Assert.DoesNotContain(begin, returned);
        Assert.Contains(end, returned);
    }

    [Fact]
    public async Task A_hash_range_whose_start_is_past_its_end_wraps_around_the_ring()
    {
        var table = NewTable();
        var hashes = await UpsertManyAsync(table, count: 60);
        var (begin, end) = (hashes[40], hashes[10]);

        var returned = await ReadHashesAsync(table, begin, end);

        Assert.Equal(hashes.Where(hash => hash > begin || hash <= end), returned);
        Assert.Contains(hashes[^1], returned);
        Assert.Contains(hashes[0], returned);
        Assert.DoesNotContain(hashes[25], returned);
    }

    [Fact]
    public async Task A_hash_range_that_starts_where_it_ends_covers_the_whole_ring()
    {
        var table = NewTable();
        var hashes = await UpsertManyAsync(table, count: 30);

        Assert.Equal(hashes, await ReadHashesAsync(table, hashes[7], hashes[7]));
        Assert.Equal(hashes, await ReadHashesAsync(table, 0, 0));
    }

    [Fact]
    public async Task Hashes_above_the_signed_32_bit_range_are_stored_and_found_as_unsigned()
    {
        var table = NewTable();
        var hashes = await UpsertManyAsync(table, count: 40);
        var highest = hashes[^1];

        Assert.True(highest > int.MaxValue, "forty random grain ids should include a hash above 2^31");
        Assert.Equal(new[] { highest }, await ReadHashesAsync(table, hashes[^2], uint.MaxValue));
        Assert.Equal(hashes.Where(hash => hash > int.MaxValue), await ReadHashesAsync(table, int.MaxValue, uint.MaxValue));
    }

    [Fact]
    public async Task Two_services_on_the_same_database_never_see_or_remove_each_others_reminders()
    {
        var kitchen = NewTable();
        var garage = NewTable();
        var grain = NewGrainId();
        var kitchenEtag = await kitchen.UpsertRow(NewReminder(grain, "alarm"));
        var garageEtag = await garage.UpsertRow(NewReminder(grain, "alarm", period: TimeSpan.FromMinutes(7)));

        Assert.False(await garage.RemoveRow(grain, "alarm", kitchenEtag!));
        await garage.TestOnlyClearTable();

        Assert.Empty((await garage.ReadRows(grain)).Reminders);
        Assert.Empty((await garage.ReadRows(0, 0)).Reminders);
        var kept = Assert.Single((await kitchen.ReadRows(0, 0)).Reminders);
        Assert.Equal(kitchenEtag, kept.ETag);
        Assert.NotEqual(kitchenEtag, garageEtag);
    }

    [Fact]
    public async Task Concurrent_upserts_from_many_tasks_all_succeed_with_distinct_etags()
    {
        // Separate instances stand in for the reminder services of several silos on one database.
        var serviceId = "concurrent-" + Guid.NewGuid().ToString("N");
        var silos = Enumerable.Range(0, 4).Select(_ => NewTable(serviceId)).ToList();
        var grains = Enumerable.Range(0, 10).Select(_ => NewGrainId()).ToList();

        var upserts = await Task.WhenAll(Enumerable.Range(0, 80).Select(attempt => Task.Run(() =>
            silos[attempt % silos.Count].UpsertRow(NewReminder(grains[attempt % grains.Count], "tick")))));

        Assert.Equal(upserts.Length, upserts.Distinct().Count());
        var stored = (await silos[0].ReadRows(0, 0)).Reminders;
        Assert.Equal(grains.Count, stored.Count);
        Assert.All(stored, row => Assert.Contains(row.ETag, upserts));
    }

    [Fact]
    public async Task Reminders_survive_a_new_table_instance_on_the_same_file()
    {
        var serviceId = "restart-" + Guid.NewGuid().ToString("N");
        var reminder = NewReminder(NewGrainId(), "firmware-check");
        string? etag;
        using (var beforeRestart = NewTable(serviceId, track: false))
        {
            etag = await beforeRestart.UpsertRow(reminder);
        }

        var read = await NewTable(serviceId).ReadRow(reminder.GrainId, reminder.ReminderName);

        Assert.Equal(etag, read?.ETag);
        Assert.Equal(reminder.StartAt, read?.StartAt);
    }

    [Fact]
    public void Options_without_a_connection_string_are_rejected_naming_the_setting()
    {
        var validator = new RelationalReminderOptionsValidator(new RelationalReminderOptions());

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains(nameof(RelationalReminderOptions.ConnectionString), error.Message);
    }

    [Fact]
    public void An_in_memory_sqlite_database_is_rejected_because_reminders_would_not_survive_a_restart()
    {
        var options = new RelationalReminderOptions { ConnectionString = "Data Source=:memory:" };

        Assert.Throws<OrleansConfigurationException>(new RelationalReminderOptionsValidator(options).ValidateConfiguration);
    }

    public void Dispose()
    {
        foreach (var table in tables)
        {
            table.Dispose();
        }
    }

    /// <summary>Upserts one reminder for each of <paramref name="count"/> new grains; returns their hashes in order.</summary>
    private static async Task<uint[]> UpsertManyAsync(RelationalReminderTable table, int count)
    {
        var grains = Enumerable.Range(0, count).Select(_ => NewGrainId()).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(NewReminder(grain, "ring"));
        }

        return grains.Select(grain => grain.GetUniformHashCode()).Order().ToArray();
    }

    private static async Task<uint[]> ReadHashesAsync(RelationalReminderTable table, uint begin, uint end) =>
        (await table.ReadRows(begin, end)).Reminders.Select(row => row.GrainId.GetUniformHashCode()).Order().ToArray();

    private RelationalReminderTable NewTable(string? serviceId = null, bool track = true)
    {
        var table = new RelationalReminderTable(
            new RelationalReminderOptions { ConnectionString = database.ConnectionString },
            serviceId ?? "service-" + Guid.NewGuid().ToString("N"),
            NullLogger<RelationalReminderTable>.Instance);
        if (track)
        {
            tables.Add(table);
        }

        return table;
    }

    private static ReminderEntry NewReminder(GrainId grainId, string name, TimeSpan? period = null) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        // A tick-precise time, so a lossy round trip (seconds, milliseconds) would show.
        StartAt = new DateTime(2025, 3, 14, 15, 9, 26, DateTimeKind.Utc).AddTicks(5358979),
        Period = period ?? TimeSpan.FromMinutes(1),
    };

    private static GrainId NewGrainId() => GrainId.Create("reminderprobe", Guid.NewGuid().ToString("N"));
}
