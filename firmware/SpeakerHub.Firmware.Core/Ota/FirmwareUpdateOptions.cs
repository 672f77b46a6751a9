namespace SpeakerHub.Firmware.Core.Ota
{
    /// <summary>Pace and patience of an over-the-air update. Defaults suit an ESP32 on home Wi-Fi.</summary>
    public sealed class FirmwareUpdateOptions
    {
        /// <summary>Bytes asked for ahead of what is in flash: 4 chunks of 8 KiB in flight, never the whole image.</summary>
        public const int DefaultWindowBytes = 32 * 1024;

        /// <summary>How often the download position is saved, so a power cut costs at most this much again.</summary>
        public const int DefaultCheckpointBytes = 64 * 1024;

        /// <summary>No chunk for this long while downloading: ask again from where flash stands.</summary>
        public const int DefaultStallMs = 10000;

        /// <summary>A new image must stay connected this long before the device calls it healthy and confirms it.</summary>
        public const int DefaultHealthyAfterMs = 15000;

        /// <summary>A new image that has not confirmed within this long after boot restarts (burning one of its trials).</summary>
        public const int DefaultTrialDeadlineMs = 180000;

        /// <summary>Progress reports while downloading, at most every this many bytes.</summary>
        public const int DefaultProgressStepBytes = 128 * 1024;

        /// <summary>Time for the "staged" report to leave before the restart.</summary>
        public const int DefaultRestartDelayMs = 500;

        public int WindowBytes = DefaultWindowBytes;
        public int CheckpointBytes = DefaultCheckpointBytes;
        public int StallMs = DefaultStallMs;
        public int HealthyAfterMs = DefaultHealthyAfterMs;
        public int TrialDeadlineMs = DefaultTrialDeadlineMs;
        public int ProgressStepBytes = DefaultProgressStepBytes;
        public int RestartDelayMs = DefaultRestartDelayMs;
    }
}
