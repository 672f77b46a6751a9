using System.Diagnostics;
using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Running
{
    /// <summary>
    /// Logs what the device does to the debug output (Visual Studio / nanoff serial monitor). Confirming
    /// a trial firmware image is Core's <c>FirmwareUpdater</c>'s job: it waits until the new image has
    /// stayed connected to the cloud for a while.
    /// </summary>
    public sealed class LoopObserver : IDeviceObserver
    {
        public void StateChanged(DeviceState previous, DeviceState current)
        {
            Debug.WriteLine("state " + StateName(previous) + " -> " + StateName(current));
        }

        public void ReplyReceived(uint interactionId, string text, bool expectsFollowUp)
        {
            Debug.WriteLine("reply " + interactionId.ToString() + ": " + text);
        }

        public void InteractionFailed(uint interactionId, InteractionFailure reason)
        {
            Debug.WriteLine("interaction " + interactionId.ToString() + " failed: " + ((int)reason).ToString());
        }

        public void UtteranceStarted(uint interactionId, byte trigger)
        {
            Debug.WriteLine("utterance " + interactionId.ToString() + " opened by trigger " + trigger.ToString());
        }

        public void UtteranceSent(uint interactionId, int frames)
        {
            Debug.WriteLine("utterance " + interactionId.ToString() + " sent: " + frames.ToString() + " frames");
        }

        public void ReplyAudioStarted(uint interactionId)
        {
            Debug.WriteLine("reply audio " + interactionId.ToString() + " started");
        }

        public void ReplyAudioFinished(uint interactionId, ReplyAudioOutcome outcome, int playedFrames, int concealedFrames)
        {
            Debug.WriteLine("reply audio " + interactionId.ToString() + " ended (" + ((int)outcome).ToString() + "): "
                + playedFrames.ToString() + " frames, " + concealedFrames.ToString() + " concealed");
        }

        /// <summary>nanoFramework's enum ToString gives the number unless reflection metadata is kept; spell them out.</summary>
        private static string StateName(DeviceState state)
        {
            switch (state)
            {
                case DeviceState.Booting: return "Booting";
                case DeviceState.ConnectingWifi: return "ConnectingWifi";
                case DeviceState.ConnectingMqtt: return "ConnectingMqtt";
                case DeviceState.Idle: return "Idle";
                case DeviceState.Listening: return "Listening";
                case DeviceState.Streaming: return "Streaming";
                case DeviceState.Thinking: return "Thinking";
                case DeviceState.Speaking: return "Speaking";
                case DeviceState.Updating: return "Updating";
                default: return "Offline";
            }
        }
    }
}
