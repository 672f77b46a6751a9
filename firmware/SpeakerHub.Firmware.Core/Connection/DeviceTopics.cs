using SpeakerHub.Protocol;

namespace SpeakerHub.Firmware.Core.Connection
{
    /// <summary>Every topic of one device, built once at boot so no message allocates a topic string.</summary>
    public sealed class DeviceTopics
    {
        public DeviceTopics(string deviceId)
        {
            HelloUp = Topics.Up(deviceId, Topics.Hello);
            StatusUp = Topics.Up(deviceId, Topics.Status);
            TelemetryUp = Topics.Up(deviceId, Topics.Telemetry);
            TwinUp = Topics.Up(deviceId, Topics.Twin);
            VoiceUp = Topics.Up(deviceId, Topics.Voice);
            ResultUp = Topics.Up(deviceId, Topics.Result);
            EventUp = Topics.Up(deviceId, Topics.Event);
            OtaUp = Topics.Up(deviceId, Topics.Ota);
            DownFilter = Topics.DownFilter(deviceId);
            TwinDown = Topics.Down(deviceId, Topics.Twin);
            CommandDown = Topics.Down(deviceId, Topics.Command);
            ReplyDown = Topics.Down(deviceId, Topics.Reply);
            OtaDown = Topics.Down(deviceId, Topics.Ota);
        }

        public string HelloUp { get; }

        public string StatusUp { get; }

        public string TelemetryUp { get; }

        public string TwinUp { get; }

        public string VoiceUp { get; }

        public string ResultUp { get; }

        public string EventUp { get; }

        public string OtaUp { get; }

        public string DownFilter { get; }

        public string TwinDown { get; }

        public string CommandDown { get; }

        public string ReplyDown { get; }

        public string OtaDown { get; }
    }
}
