namespace SpeakerHub.Firmware.Core
{
    /// <summary>What the device tells its host about itself: state changes and interaction outcomes.</summary>
    public interface IDeviceObserver
    {
        void StateChanged(DeviceState previous, DeviceState current);

        /// <summary>
        /// A reply arrived. <paramref name="interactionId"/> is the correlation id of the utterance it
        /// answers, or a cloud-chosen id for a reply the device did not ask for.
        /// </summary>
        void ReplyReceived(uint interactionId, string text, bool expectsFollowUp);

        void InteractionFailed(uint interactionId, InteractionFailure reason);
    }
}
