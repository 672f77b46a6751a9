using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Hardware.Controls;

/// <summary>
/// Twin of the light ring: remembers every pattern shown, so a test or console can see what a user
/// would have seen. Shown on the device loop, read from any thread.
/// </summary>
public sealed class RecordingLeds : ILeds
{
    /// <summary>A few minutes of state changes; older ones are forgotten.</summary>
    public const int RememberedStates = 256;

    private readonly Lock _gate = new();
    private readonly Queue<DeviceState> _history = new();
    private DeviceState _current = DeviceState.Booting;

    /// <summary>The ring is dark (shows Booting) until the device first shows a state.</summary>
    public DeviceState Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Patterns shown, oldest first.</summary>
    public IReadOnlyList<DeviceState> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    public void Show(DeviceState state)
    {
        lock (_gate)
        {
            if (_history.Count == RememberedStates)
            {
                _history.Dequeue();
            }

            _history.Enqueue(state);
            _current = state;
        }
    }
}
