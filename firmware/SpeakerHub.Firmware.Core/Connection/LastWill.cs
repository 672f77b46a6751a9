using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Connection
{
    /// <summary>
    /// The MQTT last will every transport adapter registers: a retained offline status on
    /// <c>up/status</c>, the same topic the device publishes "online" to on connect, so the retained
    /// value always tells the truth (docs/protocol.md §Presence). It is the ASCII form
    /// (<see cref="StatusText"/>) because M2Mqtt can only send a will given as a string.
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

        /// <summary>The will as text, for client libraries that take it as a string (M2Mqtt).</summary>
        public static string Text()
        {
            return StatusText.Format(LostReason);
        }

        public static byte[] Payload()
        {
            return System.Text.Encoding.UTF8.GetBytes(Text());
        }
    }
}
