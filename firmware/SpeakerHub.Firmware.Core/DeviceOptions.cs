namespace SpeakerHub.Firmware.Core
{
    /// <summary>Timing and memory budget of the device loop. Defaults suit an ESP32 on home Wi-Fi.</summary>
    public sealed class DeviceOptions
    {
        /// <summary>First reconnect ceiling: long enough not to hammer a broker that just restarted.</summary>
        public const int DefaultReconnectBaseMs = 1000;

        /// <summary>Reconnect ceiling: a device back within a minute of the broker is what users expect.</summary>
        public const int DefaultReconnectCapMs = 60000;

        /// <summary>Jitter floor, so a zero draw never turns into a tight connect loop.</summary>
        public const int DefaultReconnectFloorMs = 100;

        /// <summary>A connection that stayed up this long resets the backoff; a flapping one does not.</summary>
        public const int DefaultStableConnectionMs = 30000;

        /// <summary>
        /// Backstop for an adapter that never reports the outcome of a connect. Longer than any
        /// adapter's own timeout, so normally the adapter answers first.
        /// </summary>
        public const int DefaultConnectTimeoutMs = 30000;

        public const int DefaultTelemetryIntervalMs = 60000;

        /// <summary>How long the device shows "thinking" before it gives up on a reply.</summary>
        public const int DefaultReplyTimeoutMs = 15000;

        /// <summary>How long the microphone stays open after a trigger or a follow-up question.</summary>
        public const int DefaultListenTimeoutMs = 8000;

        /// <summary>Store-and-forward: 16 × 512 B = 8 KiB of SRAM, preallocated at boot.</summary>
        public const int DefaultQueueSlots = 16;
        public const int DefaultQueueSlotBytes = 512;

        /// <summary>Command ids remembered for de-duplication (the cloud resends un-acked ones).</summary>
        public const int DefaultRecentCommands = 32;

        /// <summary>Largest uplink message the device writes (an utterance of 512 characters fits).</summary>
        public const int DefaultUplinkBufferBytes = 2048;

        /// <summary>
        /// Longest utterance streamed before the device stops listening on its own: a stuck button or an
        /// open microphone must not stream forever. 10 s covers any command a user says in one breath.
        /// </summary>
        public const int DefaultMaxUtteranceMs = 10000;

        /// <summary>
        /// Microphone frames kept in the capture ring: 16 × 20 ms = 320 ms (10 KiB of SRAM), room for the
        /// ~200 ms pre-roll voice activity detection sends ahead of detected speech.
        /// </summary>
        public const int DefaultCaptureRingFrames = 16;

        public int ReconnectBaseMs { get; set; } = DefaultReconnectBaseMs;

        public int ReconnectCapMs { get; set; } = DefaultReconnectCapMs;

        public int ReconnectFloorMs { get; set; } = DefaultReconnectFloorMs;

        public int StableConnectionMs { get; set; } = DefaultStableConnectionMs;

        public int ConnectTimeoutMs { get; set; } = DefaultConnectTimeoutMs;

        public int TelemetryIntervalMs { get; set; } = DefaultTelemetryIntervalMs;

        public int ReplyTimeoutMs { get; set; } = DefaultReplyTimeoutMs;

        public int ListenTimeoutMs { get; set; } = DefaultListenTimeoutMs;

        public int QueueSlots { get; set; } = DefaultQueueSlots;

        public int QueueSlotBytes { get; set; } = DefaultQueueSlotBytes;

        public int RecentCommands { get; set; } = DefaultRecentCommands;

        public int UplinkBufferBytes { get; set; } = DefaultUplinkBufferBytes;

        public int MaxUtteranceMs { get; set; } = DefaultMaxUtteranceMs;

        public int CaptureRingFrames { get; set; } = DefaultCaptureRingFrames;
    }
}
