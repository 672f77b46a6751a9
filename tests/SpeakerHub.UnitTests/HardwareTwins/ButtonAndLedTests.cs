using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Host.Hardware.Controls;

namespace SpeakerHub.UnitTests.HardwareTwins;

public sealed class ButtonAndLedTests
{
    private readonly List<(ButtonEvent Event, long AtMs)> _events = [];

    [Fact]
    public void A_bouncy_tap_is_one_short_press_reported_when_the_release_settles()
    {
        SimulatedButton button = Button(ButtonRole.Talk);
        button.Press(1_000, bounces: 4);
        button.Release(1_200, bounces: 3);

        button.Advance(2_000);

        (ButtonEvent Event, long AtMs) only = Assert.Single(_events);
        Assert.Equal(ButtonEvent.ShortPress, only.Event);
        Assert.Equal(1_200 + (3 * 4) + 30, only.AtMs);
    }

    [Fact]
    public void A_glitch_shorter_than_the_debounce_window_is_ignored()
    {
        SimulatedButton button = Button(ButtonRole.Talk);
        button.Press(1_000);
        button.Release(1_020);

        button.Advance(5_000);

        Assert.Empty(_events);
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void Holding_the_talk_button_is_a_long_press_at_the_threshold_and_nothing_on_release()
    {
        SimulatedButton button = Button(ButtonRole.Talk);
        button.Hold(0, 3_000);

        button.Advance(1_029);
        Assert.Empty(_events);
        button.Advance(1_030);
        Assert.Equal([(ButtonEvent.LongPress, 1_030L)], _events);

        button.Advance(10_000);
        Assert.Single(_events);
    }

    [Fact]
    public void Push_to_talk_reports_the_press_and_the_release()
    {
        SimulatedButton button = Button(ButtonRole.PushToTalk);
        button.Press(100, bounces: 2);
        button.Release(2_500);

        button.Advance(3_000);

        Assert.Equal([ButtonEvent.TalkPressed, ButtonEvent.TalkReleased], _events.Select(e => e.Event));
    }

    [Fact]
    public void Volume_buttons_report_on_press()
    {
        SimulatedButton up = Button(ButtonRole.VolumeUp);
        up.Tap(0);
        up.Advance(35);

        Assert.Equal([(ButtonEvent.VolumeUp, 30L)], _events);
    }

    [Fact]
    public void The_light_ring_remembers_every_state_it_showed()
    {
        RecordingLeds leds = new();
        leds.Show(DeviceState.ConnectingWifi);
        leds.Show(DeviceState.Idle);

        Assert.Equal([DeviceState.ConnectingWifi, DeviceState.Idle], leds.History);
        Assert.Equal(DeviceState.Idle, leds.Current);
    }

    private SimulatedButton Button(ButtonRole role) => new(role, (button, atMs) => _events.Add((button, atMs)));
}
