using SpeakerHub.Firmware.Core;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>Counts instead of recording, so it allocates nothing while a measurement runs.</summary>
internal sealed class CountingObserver : IDeviceObserver
{
    public int StateChanges { get; private set; }

    public int Replies { get; private set; }

    public int Failures { get; private set; }

    public int UtterancesStarted { get; private set; }

    public int UtterancesSent { get; private set; }

    public int ReplyAudioStarts { get; private set; }

    public int RepliesPlayed { get; private set; }

    public void StateChanged(DeviceState previous, DeviceState current) => StateChanges++;

    public void ReplyReceived(uint interactionId, string text, bool expectsFollowUp) => Replies++;

    public void InteractionFailed(uint interactionId, InteractionFailure reason) => Failures++;

    public void UtteranceStarted(uint interactionId, byte trigger) => UtterancesStarted++;

    public void UtteranceSent(uint interactionId, int frames) => UtterancesSent++;

    public void ReplyAudioStarted(uint interactionId) => ReplyAudioStarts++;

    public void ReplyAudioFinished(uint interactionId, ReplyAudioOutcome outcome, int playedFrames, int concealedFrames)
    {
        if (outcome == ReplyAudioOutcome.Played)
        {
            RepliesPlayed++;
        }
    }
}
