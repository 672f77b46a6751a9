using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

internal sealed class RecordingObserver : IDeviceObserver
{
    public List<DeviceState> States { get; } = [];

    public List<(uint Id, string Text, bool FollowUp)> Replies { get; } = [];

    public List<(uint Id, InteractionFailure Reason)> Failures { get; } = [];

    public void StateChanged(DeviceState previous, DeviceState current) => States.Add(current);

    public void ReplyReceived(uint interactionId, string text, bool expectsFollowUp) => Replies.Add((interactionId, text, expectsFollowUp));

    public void InteractionFailed(uint interactionId, InteractionFailure reason) => Failures.Add((interactionId, reason));
}
