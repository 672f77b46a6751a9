using SpeakerHub.Cloud.Abstractions.Devices;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class CommandTests(DeviceClusterFixture fixture)
{
    [Fact]
    public async Task Command_sent_to_an_online_device_is_delivered_at_once_with_its_id()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");

        var id = await speaker.Grain.SendCommand(new CommandRequest("chime", Number: 2, Text: "door"));

        var command = Assert.Single(speaker.Downlink.Commands());
        Assert.Equal(id, command.CorrelationId);
        Assert.Equal(("chime", 2, "door"), (command.Name, command.Number, command.Text));
        Assert.Equal(1, Assert.Single((await speaker.SnapshotAsync()).PendingCommands).Deliveries);
    }

    [Fact]
    public async Task Command_sent_while_offline_is_delivered_after_reconnect_and_hello()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        var id = await speaker.Grain.SendCommand(new CommandRequest("stop"));

        await speaker.ConnectAsync("s1");
        Assert.Empty(speaker.Downlink.Commands());
        await speaker.HelloAsync();

        Assert.Equal(id, Assert.Single(speaker.Downlink.Commands()).CorrelationId);
    }

    [Fact]
    public async Task Unanswered_command_is_resent_after_every_reconnect()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        var id = await speaker.Grain.SendCommand(new CommandRequest("stop"));

        await speaker.ComeOnlineAsync("s2");

        Assert.Equal([id, id], speaker.Downlink.Commands().Select(command => command.CorrelationId));
        Assert.Equal(2, Assert.Single((await speaker.SnapshotAsync()).PendingCommands).Deliveries);
    }

    [Fact]
    public async Task Answered_command_is_settled_and_not_resent()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        var id = await speaker.Grain.SendCommand(new CommandRequest("stop"));

        await speaker.AnswerAsync(id);
        speaker.Downlink.Clear();
        await speaker.ComeOnlineAsync("s2");

        Assert.Empty((await speaker.SnapshotAsync()).PendingCommands);
        Assert.Empty(speaker.Downlink.Commands());
    }

    [Fact]
    public async Task Result_for_an_unknown_command_is_ignored()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        var id = await speaker.Grain.SendCommand(new CommandRequest("stop"));

        await speaker.AnswerAsync(id + 1000);

        Assert.Equal(id, Assert.Single((await speaker.SnapshotAsync()).PendingCommands).Id);
    }

    [Fact]
    public async Task Command_ids_are_unique_and_increasing_even_across_reactivation()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        var first = await speaker.Grain.SendCommand(new CommandRequest("a"));
        var second = await speaker.Grain.SendCommand(new CommandRequest("b"));
        await speaker.AnswerAsync(second);

        await fixture.Cluster.DeactivateAsync(speaker.Grain);
        var third = await speaker.Grain.SendCommand(new CommandRequest("c"));

        Assert.NotEqual(0u, first);
        Assert.True(first < second && second < third, $"{first}, {second}, {third}");
    }

    [Fact]
    public async Task Oldest_command_is_dropped_when_the_pending_queue_is_full()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        var ids = new List<uint>();
        for (var i = 0; i <= DeviceClusterFixture.MaxPendingCommands; i++)
        {
            ids.Add(await speaker.Grain.SendCommand(new CommandRequest("step", Number: i)));
        }

        var pending = (await speaker.SnapshotAsync()).PendingCommands.Select(command => command.Id);

        Assert.Equal(ids.Skip(1), pending);
    }

    [Fact]
    public async Task Command_without_a_name_is_refused()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => speaker.Grain.SendCommand(new CommandRequest(" ")));

        Assert.Empty((await speaker.SnapshotAsync()).PendingCommands);
    }
}
