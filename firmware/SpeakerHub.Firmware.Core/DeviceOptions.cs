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

        /// <summary>
        /// Audio sent ahead of the first frame the detector calls speech: an energy detector notices a
        /// word a few frames in, and soft openings ("f", "h") would be lost without it.
        /// </summary>
        public const int DefaultPreRollMs = 200;

        /// <summary>Loud frames in a row that make an onset (3 frames): a click or a cough is shorter.</summary>
        public const int DefaultVadOnsetMs = 60;

        /// <summary>Quiet time that ends an utterance: longer than the pauses between words of one command.</summary>
        public const int DefaultVadHangoverMs = 500;

        /// <summary>
        /// Lowest noise floor, as a mean absolute sample (about -66 dBFS): without it the floor of a
        /// digitally silent microphone is 0 and any hiss would be speech.
        /// </summary>
        public const int DefaultVadMinimumLevel = 16;

        /// <summary>Onset margin over the floor at wake sensitivity 1: 10× (20 dB), only clear speech nearby.</summary>
        public const int DefaultVadMarginAtLeastSensitivePercent = 1000;

        /// <summary>Onset margin at wake sensitivity 100: 2× (6 dB), soft speech across a room.</summary>
        public const int DefaultVadMarginAtMostSensitivePercent = 200;

        /// <summary>The floor rises to louder noise over ~1.3 s: slower than a word, quicker than a fan spinning up.</summary>
        public const int DefaultVadFloorRiseMs = 1280;

        /// <summary>The floor falls to quieter noise within ~80 ms: after a noise stops, soft speech counts again at once.</summary>
        public const int DefaultVadFloorFallMs = 80;

        /// <summary>
        /// Inside speech the floor still rises, over ~5 s: a noise that starts and stays is absorbed and
        /// ends the segment instead of streaming until the maximum length.
        /// </summary>
        public const int DefaultVadFloorRiseInSpeechMs = 5120;

        /// <summary>
        /// Reply audio held ahead of playback: 150 frames = 3 s = ~25 KB. The cloud paces its stream to stay
        /// within ~2 s ahead, so this leaves a second of slack before frames are dropped.
        /// </summary>
        public const int DefaultReplyBufferFrames = 150;

        /// <summary>
        /// A reply stream with no chunk for this long is over: the cloud sends every ~0.5 s while it has
        /// audio, so 3 s means it is gone, and the user should not be left with a speaker that stays busy.
        /// </summary>
        public const int DefaultReplyStallMs = 3000;

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

        public int PreRollMs { get; set; } = DefaultPreRollMs;

        public int VadOnsetMs { get; set; } = DefaultVadOnsetMs;

        public int VadHangoverMs { get; set; } = DefaultVadHangoverMs;

        public int VadMinimumLevel { get; set; } = DefaultVadMinimumLevel;

        public int VadMarginAtLeastSensitivePercent { get; set; } = DefaultVadMarginAtLeastSensitivePercent;

        public int VadMarginAtMostSensitivePercent { get; set; } = DefaultVadMarginAtMostSensitivePercent;

        public int VadFloorRiseMs { get; set; } = DefaultVadFloorRiseMs;

        public int VadFloorFallMs { get; set; } = DefaultVadFloorFallMs;

        public int VadFloorRiseInSpeechMs { get; set; } = DefaultVadFloorRiseInSpeechMs;

        public int ReplyBufferFrames { get; set; } = DefaultReplyBufferFrames;

        public int ReplyStallMs { get; set; } = DefaultReplyStallMs;
    }
}
