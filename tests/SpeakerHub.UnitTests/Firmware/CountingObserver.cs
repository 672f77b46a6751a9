using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>Counts instead of recording, so it allocates nothing while a measurement runs.</summary>
internal sealed class CountingObserver : IDeviceObserver
{
    public int StateChanges { get; private set; }

    public int Replies { get; private set; }

    public int Failures { get; private set; }

    public void StateChanged(DeviceState previous, DeviceState current) => StateChanges++;

    public void ReplyReceived(uint interactionId, string text, bool expectsFollowUp) => Replies++;

    public void InteractionFailed(uint interactionId, InteractionFailure reason) => Failures++;
}
