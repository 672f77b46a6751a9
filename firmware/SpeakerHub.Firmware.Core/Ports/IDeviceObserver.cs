namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// What the device tells its host about itself: state changes, the moments of a voice interaction
    /// (a host measures latency between them) and outcomes. Called on the device loop, in order.
    /// </summary>
    public interface IDeviceObserver
    {
        void StateChanged(DeviceState previous, DeviceState current);

        /// <summary>
        /// A reply arrived. <paramref name="interactionId"/> is the correlation id of the utterance it
        /// answers, or a cloud-chosen id for a reply the device did not ask for.
        /// </summary>
        void ReplyReceived(uint interactionId, string text, bool expectsFollowUp);

        void InteractionFailed(uint interactionId, InteractionFailure reason);

        /// <summary>
        /// A spoken utterance opened: <paramref name="trigger"/> is a <c>VoiceChunk.Trigger…</c> constant.
        /// Push-to-talk opens at the press, the other triggers at the speech onset.
        /// </summary>
        void UtteranceStarted(uint interactionId, byte trigger);

        /// <summary>The utterance's final chunk was handed to the link: the cloud now has all of it.</summary>
        void UtteranceSent(uint interactionId, int frames);

        /// <summary>The first reply-audio chunk with frames arrived; playback starts with it.</summary>
        void ReplyAudioStarted(uint interactionId);

        /// <summary>A reply's audio ended (played out, stalled or cut off); frame counts in 20 ms units.</summary>
        void ReplyAudioFinished(uint interactionId, ReplyAudioOutcome outcome, int playedFrames, int concealedFrames);
    }
}
