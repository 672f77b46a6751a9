namespace SpeakerHub.Firmware.Core
{
    /// <summary>Audio output. The host records or prints; the ESP32 adapter synthesises or plays over I2S.</summary>
    public interface ISpeaker
    {
        /// <summary>Volume in steps 0..<c>TwinPatch.MaxVolume</c>.</summary>
        void SetVolume(int volume);

        void SetMuted(bool muted);

        /// <summary>Starts saying <paramref name="text"/> and returns at once.</summary>
        void Say(string text);

        /// <summary>
        /// Queues 16 kHz mono PCM for playback and returns at once; the speaker copies what it needs, so
        /// the caller may reuse <paramref name="samples"/> (the downlink audio path decodes into one buffer).
        /// Returns the number of samples accepted; fewer than <paramref name="count"/> means its buffer is full.
        /// </summary>
        int Play(short[] samples, int offset, int count);

        /// <summary>Cuts off whatever is playing.</summary>
        void Stop();

        /// <summary>True while audio is still playing; the device polls it on every tick.</summary>
        bool IsSpeaking { get; }
    }
}
