namespace SpeakerHub.Firmware.Running
{
    /// <summary>Something another thread (Wi-Fi, MQTT) wants the device loop to hand to Core.</summary>
    public sealed class LoopEvent
    {
        /// <summary>Events without data are shared instances, so posting them allocates nothing.</summary>
        public static readonly LoopEvent WifiUp = new LoopEvent(LoopEventKind.WifiUp, null, null);
        public static readonly LoopEvent WifiDown = new LoopEvent(LoopEventKind.WifiDown, null, null);
        public static readonly LoopEvent Connected = new LoopEvent(LoopEventKind.Connected, null, null);
        public static readonly LoopEvent ConnectFailed = new LoopEvent(LoopEventKind.ConnectFailed, null, null);
        public static readonly LoopEvent ConnectionLost = new LoopEvent(LoopEventKind.ConnectionLost, null, null);

        private LoopEvent(LoopEventKind kind, string topic, byte[] payload)
        {
            Kind = kind;
            Topic = topic;
            Payload = payload;
        }

        public LoopEventKind Kind { get; }

        public string Topic { get; }

        public byte[] Payload { get; }

        /// <summary>A downlink; M2Mqtt already allocated its topic and payload, this only wraps them.</summary>
        public static LoopEvent Message(string topic, byte[] payload)
        {
            return new LoopEvent(LoopEventKind.Message, topic, payload);
        }
    }

    public enum LoopEventKind
    {
        WifiUp = 0,
        WifiDown = 1,
        Connected = 2,
        ConnectFailed = 3,
        ConnectionLost = 4,
        Message = 5,
    }
}
