namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// The one state of a speaker (docs/architecture.md, ESPHome voice assistant model). Every input
    /// moves it; nothing else about "what the device is doing" lives in flags. The device is connected
    /// to the cloud exactly in Idle, Listening, Streaming, Thinking, Speaking and Updating.
    /// </summary>
    public enum DeviceState
    {
        Booting = 0,
        ConnectingWifi = 1,
        ConnectingMqtt = 2,
        Idle = 3,
        Listening = 4,
        Streaming = 5,
        Thinking = 6,
        Speaking = 7,
        Updating = 8,

        /// <summary>Not connected and waiting for the next reconnect attempt; local buttons still work.</summary>
        Offline = 9,
    }
}
