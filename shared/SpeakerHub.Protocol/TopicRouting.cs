namespace SpeakerHub.Protocol
{
    /// <summary>
    /// Which message types each topic kind may carry (docs/protocol.md §Topics). Gateway, cloud and
    /// device all check this, so a message on the wrong topic is refused the same way everywhere.
    /// </summary>
    public static class TopicRouting
    {
        public static bool IsAllowed(string kind, bool uplink, byte type)
        {
            if (uplink)
            {
                switch (kind)
                {
                    case Topics.Hello: return type == MessageType.Hello;
                    case Topics.Status: return type == MessageType.Status;
                    case Topics.Telemetry: return type == MessageType.Telemetry;
                    case Topics.Twin: return type == MessageType.TwinReported;
                    case Topics.Voice: return type == MessageType.Utterance || type == MessageType.VoiceChunk;
                    case Topics.Result: return type == MessageType.CommandResult;
                    case Topics.Event: return type == MessageType.Event;
                    case Topics.Ota: return type == MessageType.OtaRequest || type == MessageType.OtaStatus;
                    default: return false;
                }
            }

            switch (kind)
            {
                case Topics.Twin: return type == MessageType.TwinDesired;
                case Topics.Command: return type == MessageType.Command;
                case Topics.Reply: return type == MessageType.Reply || type == MessageType.ReplyAudio;
                case Topics.Ota: return type == MessageType.OtaChunk;
                default: return false;
            }
        }
    }
}
