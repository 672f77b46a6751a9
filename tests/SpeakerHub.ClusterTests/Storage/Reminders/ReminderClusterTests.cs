using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using SpeakerHub.Cloud.Grains.Storage.Reminders;
using Xunit;

namespace SpeakerHub.ClusterTests.Storage.Reminders;

public sealed class ReminderClusterTests(ReminderClusterFixture fixture) : IClassFixture<ReminderClusterFixture>
{
    // Not a speed requirement: a generous bound so a lost reminder fails the test instead of hanging it.
    private static readonly TimeSpan TickDeadline = TimeSpan.FromSeconds(60);

    private static TimeSpan Period => RelationalRemindersSiloConfigurator.TestReminderPeriod;

    [Fact]
    public async Task A_reminder_a_grain_registers_is_stored_in_the_table_and_ticks()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IReminderProbeGrain>("speaker-registering");

        await grain.RegisterAsync("check-firmware", Period);
        await grain.WaitForTickAsync("check-firmware").WaitAsync(TickDeadline);

        using var table = OpenTable();
        var stored = await table.ReadRow(grain.GetGrainId(), "check-firmware");
        Assert.NotNull(stored);
        Assert.Equal(Period, stored.Period);
    }

    [Fact]
    public async Task A_reminder_registered_before_a_cluster_restart_is_listed_and_ticks_after_it()
    {
        var before = fixture.Cluster.GrainFactory.GetGrain<IReminderProbeGrain>("speaker-restarted");
        await before.RegisterAsync("nightly-update", Period);

        await fixture.RestartClusterAsync();

        var after = fixture.Cluster.GrainFactory.GetGrain<IReminderProbeGrain>("speaker-restarted");
        Assert.Equal(["nightly-update"], await after.GetReminderNamesAsync());
        await after.WaitForTickAsync("nightly-update").WaitAsync(TickDeadline);
    }

    [Fact]
    public async Task An_unregistered_reminder_is_removed_from_the_table()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IReminderProbeGrain>("speaker-unregistering");
        await grain.RegisterAsync("temporary", Period);

        await grain.UnregisterAsync("temporary");

        Assert.Empty(await grain.GetReminderNamesAsync());
        using var table = OpenTable();
        Assert.Null(await table.ReadRow(grain.GetGrainId(), "temporary"));
    }

    /// <summary>A second view of the cluster's rows, as another silo of the same service would see them.</summary>
    private RelationalReminderTable OpenTable() => new(
        new RelationalReminderOptions { ConnectionString = fixture.ConnectionString },
        fixture.ServiceId,
        NullLogger<RelationalReminderTable>.Instance);
}
