namespace SpeakerHub.Protocol
{
    /// <summary>Envelope message types (docs/protocol.md §Messages). Numbers are wire values: never reuse one.</summary>
    public static class MessageType
    {
        public const byte Hello = 1;
        public const byte Status = 2;
        public const byte Telemetry = 3;
        public const byte TwinDesired = 4;
        public const byte TwinReported = 5;
        public const byte Command = 6;
        public const byte CommandResult = 7;
        public const byte Utterance = 8;
        public const byte Reply = 9;
        public const byte Event = 10;
        public const byte VoiceChunk = 11;
        public const byte ReplyAudio = 12;
        public const byte OtaRequest = 13;
        public const byte OtaChunk = 14;
        public const byte OtaStatus = 15;

        public const byte Highest = OtaStatus;

        public static bool IsDefined(byte type)
        {
            return type >= Hello && type <= Highest;
        }
    }
}
