namespace SpeakerHub.Protocol.Messages
{
    /// <summary>Command names on the wire (docs/protocol.md §Messages); a device answers any other name with Unsupported.</summary>
    public static class CommandNames
    {
        /// <summary>Number = volume 0..10.</summary>
        public const string VolumeSet = "volume.set";
        public const string VolumeUp = "volume.up";
        public const string VolumeDown = "volume.down";
        public const string Mute = "mute";
        public const string Unmute = "unmute";

        /// <summary>Text = what to say.</summary>
        public const string Say = "say";

        /// <summary>Stops speaking or listening.</summary>
        public const string Stop = "stop";
    }
}
