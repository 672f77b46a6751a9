using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host;

/// <summary>A host has no light ring; <see cref="Running.DeviceRunner.StateChanged"/> reports the state instead.</summary>
public sealed class NullLeds : ILeds
{
    public void Show(DeviceState state)
    {
    }
}
