using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Hardware.Controls;

/// <summary>
/// A push button on a GPIO plus the debouncer the ESP32 adapter runs in its loop. Raw contact edges are
/// scheduled at given times (with optional chatter); <see cref="Advance"/> runs the debouncer up to a
/// time and reports the <see cref="ButtonEvent"/>s the device would get. A level counts only once it has
/// held for <see cref="ButtonTiming.DebounceMs"/>, so chatter and glitches shorter than that are ignored.
/// Talk reports ShortPress on release, or LongPress once held long enough (and nothing on that release);
/// volume buttons report on press; push-to-talk reports both edges. Not thread-safe: schedule and advance from the device loop.
/// </summary>
public sealed class SimulatedButton
{
    private const long Never = long.MaxValue;

    private readonly ButtonRole _role;
    private readonly ButtonTiming _timing;
    private readonly Action<ButtonEvent, long> _sink;
    private readonly List<(long AtMs, bool Pressed)> _edges = [];
    private bool _rawPressed;
    private long _rawChangedAtMs;
    private long _pressedAtMs;
    private bool _longPressReported;

    /// <param name="sink">Gets each event with the time the debouncer recognised it.</param>
    public SimulatedButton(ButtonRole role, Action<ButtonEvent, long> sink, ButtonTiming? timing = null)
    {
        _role = role;
        _sink = sink;
        _timing = timing ?? new ButtonTiming();
    }

    /// <summary>The debounced level.</summary>
    public bool IsPressed { get; private set; }

    /// <summary>Contacts close at <paramref name="atMs"/>, after <paramref name="bounces"/> open/close chatters.</summary>
    public void Press(long atMs, int bounces = 0) => Edge(atMs, pressed: true, bounces);

    public void Release(long atMs, int bounces = 0) => Edge(atMs, pressed: false, bounces);

    public void Tap(long atMs)
    {
        Press(atMs);
        Release(atMs + _timing.TapMs);
    }

    public void Hold(long atMs, long durationMs)
    {
        Press(atMs);
        Release(atMs + durationMs);
    }

    /// <summary>Runs the debouncer over every raw edge up to <paramref name="nowMs"/>.</summary>
    public void Advance(long nowMs)
    {
        _edges.Sort((a, b) => a.AtMs.CompareTo(b.AtMs));
        int consumed = 0;
        while (consumed < _edges.Count && _edges[consumed].AtMs <= nowMs)
        {
            (long atMs, bool pressed) = _edges[consumed++];
            Settle(atMs);
            if (pressed != _rawPressed)
            {
                _rawPressed = pressed;
                _rawChangedAtMs = atMs;
            }
        }

        _edges.RemoveRange(0, consumed);
        Settle(nowMs);
    }

    private void Edge(long atMs, bool pressed, int bounces)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bounces);
        long at = atMs;
        for (int i = 0; i < bounces; i++)
        {
            _edges.Add((at, pressed));
            _edges.Add((at + _timing.BounceIntervalMs, !pressed));
            at += 2 * _timing.BounceIntervalMs;
        }

        _edges.Add((at, pressed));
    }

    /// <summary>Applies what the debouncer decides between the last edge and <paramref name="untilMs"/>, in time order.</summary>
    private void Settle(long untilMs)
    {
        while (true)
        {
            long stableAtMs = _rawPressed != IsPressed ? _rawChangedAtMs + _timing.DebounceMs : Never;
            long longPressAtMs = IsPressed && _role == ButtonRole.Talk && !_longPressReported ? _pressedAtMs + _timing.LongPressMs : Never;
            long next = Math.Min(stableAtMs, longPressAtMs);
            if (next > untilMs)
            {
                return;
            }

            if (longPressAtMs <= stableAtMs)
            {
                _longPressReported = true;
                _sink(ButtonEvent.LongPress, longPressAtMs);
            }
            else
            {
                Accept(_rawPressed, stableAtMs);
            }
        }
    }

    private void Accept(bool pressed, long atMs)
    {
        IsPressed = pressed;
        if (pressed)
        {
            _pressedAtMs = atMs;
            _longPressReported = false;
        }

        switch (_role)
        {
            case ButtonRole.Talk when !pressed && !_longPressReported:
                _sink(ButtonEvent.ShortPress, atMs);
                break;
            case ButtonRole.VolumeUp when pressed:
                _sink(ButtonEvent.VolumeUp, atMs);
                break;
            case ButtonRole.VolumeDown when pressed:
                _sink(ButtonEvent.VolumeDown, atMs);
                break;
            case ButtonRole.PushToTalk:
                _sink(pressed ? ButtonEvent.TalkPressed : ButtonEvent.TalkReleased, atMs);
                break;
        }
    }
}
