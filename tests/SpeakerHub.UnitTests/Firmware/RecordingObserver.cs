using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

internal sealed class RecordingObserver : IDeviceObserver
{
    public List<DeviceState> States { get; } = [];

    public List<(uint Id, string Text, bool FollowUp)> Replies { get; } = [];

    public List<(uint Id, InteractionFailure Reason)> Failures { get; } = [];

    public List<(uint Id, byte Trigger)> UtterancesStarted { get; } = [];

    public List<(uint Id, int Frames)> UtterancesSent { get; } = [];

    public List<uint> ReplyAudioStarts { get; } = [];

    public List<(uint Id, ReplyAudioOutcome Outcome, int Played, int Concealed)> ReplyAudioEnds { get; } = [];

    public void StateChanged(DeviceState previous, DeviceState current) => States.Add(current);

    public void ReplyReceived(uint interactionId, string text, bool expectsFollowUp) => Replies.Add((interactionId, text, expectsFollowUp));

    public void InteractionFailed(uint interactionId, InteractionFailure reason) => Failures.Add((interactionId, reason));

    public void UtteranceStarted(uint interactionId, byte trigger) => UtterancesStarted.Add((interactionId, trigger));

    public void UtteranceSent(uint interactionId, int frames) => UtterancesSent.Add((interactionId, frames));

    public void ReplyAudioStarted(uint interactionId) => ReplyAudioStarts.Add(interactionId);

    public void ReplyAudioFinished(uint interactionId, ReplyAudioOutcome outcome, int playedFrames, int concealedFrames) =>
        ReplyAudioEnds.Add((interactionId, outcome, playedFrames, concealedFrames));
}
