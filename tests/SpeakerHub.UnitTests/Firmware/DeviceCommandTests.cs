using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Core.Commands;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Firmware;

public sealed class DeviceCommandTests
{
    [Fact]
    public void Duplicate_command_is_executed_once_but_acknowledged_every_time()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();
        Command volumeUp = DeviceHarness.Command(41, CommandNames.VolumeUp);

        harness.Deliver(Topics.Command, volumeUp);
        harness.Deliver(Topics.Command, volumeUp);
        harness.Deliver(Topics.Command, volumeUp);

        Assert.Equal(6, harness.Speaker.Volume);
        Assert.Equal(2, harness.Device.DuplicateCommands);
        List<CommandResult> results = harness.Results();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal((41u, CommandResult.OutcomeDone), (r.CorrelationId, r.Outcome)));
    }

    [Fact]
    public void A_command_resent_after_a_reboot_is_not_executed_again()
    {
        MemorySettingsStore flash = new();
        DeviceHarness before = new DeviceHarness(store: flash).BootOnline();
        before.Deliver(Topics.Command, DeviceHarness.Command(7, CommandNames.VolumeDown));

        DeviceHarness after = new DeviceHarness(store: flash).BootOnline();
        after.Deliver(Topics.Command, DeviceHarness.Command(7, CommandNames.VolumeDown));

        Assert.Equal(4, after.Speaker.Volume);
        Assert.Equal(7u, after.Results().Single().CorrelationId);
    }

    [Fact]
    public void Only_the_most_recent_command_ids_are_remembered()
    {
        DeviceOptions options = new() { RecentCommands = 4 };
        DeviceHarness harness = new DeviceHarness(options).BootOnline();
        for (uint id = 1; id <= 5; id++)
        {
            harness.Deliver(Topics.Command, DeviceHarness.Command(id, CommandNames.Mute));
        }

        harness.Deliver(Topics.Command, DeviceHarness.Command(5, CommandNames.Mute));
        harness.Deliver(Topics.Command, DeviceHarness.Command(1, CommandNames.Mute));

        Assert.Equal(1, harness.Device.DuplicateCommands);
    }

    [Fact]
    public void Volume_set_applies_the_level_and_reports_it_in_the_twin()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Deliver(Topics.Command, DeviceHarness.Command(1, CommandNames.VolumeSet, number: 9));

        Assert.Equal(9, harness.Speaker.Volume);
        Assert.Equal(9, harness.LastReportedTwin().Volume);
        Assert.Equal(CommandResult.OutcomeDone, harness.Results().Single().Outcome);
    }

    [Fact]
    public void Volume_set_out_of_range_fails_and_leaves_the_volume_alone()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Deliver(Topics.Command, DeviceHarness.Command(1, CommandNames.VolumeSet, number: 11));

        Assert.Equal(5, harness.Speaker.Volume);
        CommandResult result = harness.Results().Single();
        Assert.Equal(CommandResult.OutcomeFailed, result.Outcome);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [Fact]
    public void Mute_and_unmute_commands_switch_the_speaker()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Deliver(Topics.Command, DeviceHarness.Command(1, CommandNames.Mute));
        Assert.True(harness.Speaker.Muted);
        harness.Deliver(Topics.Command, DeviceHarness.Command(2, CommandNames.Unmute));
        Assert.False(harness.Speaker.Muted);
        Assert.False(harness.LastReportedTwin().Muted);
    }

    [Fact]
    public void Say_command_speaks_the_text_and_returns_to_idle_when_playback_ends()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Deliver(Topics.Command, DeviceHarness.Command(1, CommandNames.Say, text: "dinner is ready"));
        Assert.Equal(["dinner is ready"], harness.Speaker.Said);
        Assert.Equal(DeviceState.Speaking, harness.Device.State);

        harness.Speaker.FinishPlayback();
        harness.Advance(DeviceHarness.TickMs);
        Assert.Equal(DeviceState.Idle, harness.Device.State);
    }

    [Fact]
    public void Unknown_command_is_answered_unsupported()
    {
        DeviceHarness harness = new DeviceHarness().BootOnline();

        harness.Deliver(Topics.Command, DeviceHarness.Command(99, "make.coffee"));

        CommandResult result = harness.Results().Single();
        Assert.Equal((99u, CommandResult.OutcomeUnsupported), (result.CorrelationId, result.Outcome));
    }
}
