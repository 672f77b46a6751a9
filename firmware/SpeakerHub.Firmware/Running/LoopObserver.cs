using System.Diagnostics;
using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Running
{
    /// <summary>
    /// Logs what the device does to the debug output (Visual Studio / nanoff serial monitor) and confirms
    /// a trial firmware image once it has reached the cloud: "reaches Idle" is this firmware's health
    /// check, since a broken image most likely fails to boot, to join Wi-Fi or to connect.
    /// </summary>
    public sealed class LoopObserver : IDeviceObserver
    {
        private readonly IFirmwareSlots _slots;

        public LoopObserver(IFirmwareSlots slots)
        {
            _slots = slots;
        }

        public void StateChanged(DeviceState previous, DeviceState current)
        {
            Debug.WriteLine("state " + StateName(previous) + " -> " + StateName(current));
            if (current == DeviceState.Idle && _slots.PendingSlot == _slots.ActiveSlot)
            {
                Debug.WriteLine(_slots.ConfirmActive() ? "firmware image confirmed" : "firmware confirm failed");
            }
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
