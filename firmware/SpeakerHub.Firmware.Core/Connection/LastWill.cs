using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Connection
{
    /// <summary>
    /// The MQTT last will every transport adapter registers: a retained Status{Online=false} on
    /// <c>up/status</c>, the same topic the device publishes "online" to on connect, so the retained
    /// value always tells the truth (docs/protocol.md §Presence).
    /// </summary>
    public static class LastWill
    {
        /// <summary>Reason the broker publishes when the link died without a clean disconnect.</summary>
        public const string LostReason = "lost";

        /// <summary>Reason the device publishes itself before a clean disconnect.</summary>
        public const string ShutdownReason = "shutdown";

        public const bool Retain = true;

        public static string Topic(string deviceId)
        {
            return Topics.Up(deviceId, Topics.Status);
        }

        public static byte[] Payload()
        {
            Status status = new Status();
            status.Online = false;
            status.Reason = LostReason;
            return status.ToBytes();
        }
    }
}
